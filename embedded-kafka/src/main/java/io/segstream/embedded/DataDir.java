package io.segstream.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The broker's home on disk, held exclusively while the broker runs.
 *
 * <p>Kafka's own files live in a {@code kafka} sub-directory so that our bookkeeping files never
 * mix with what Kafka considers its log directory.
 */
final class DataDir implements AutoCloseable {
    private static final String LOCK_FILE = "embedded-kafka.lock";
    private static final String STATE_FILE = "embedded-kafka.properties";
    private static final String KAFKA_DIR = "kafka";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDir(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DataDir open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve(KAFKA_DIR));
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot create Kafka data directory " + root + ": " + describe(e), e);
        }
        if (!Files.isWritable(root) || !Files.isWritable(root.resolve(KAFKA_DIR))) {
            throw new EmbeddedKafkaException("Kafka data directory " + root + " is not writable");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot use Kafka data directory " + root + ": " + describe(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("Kafka data directory " + root
                    + " is already used by another embedded broker in this JVM");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("Cannot lock Kafka data directory " + root + ": " + describe(e), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("Kafka data directory " + root
                    + " is in use by another process; stop it or use another data directory");
        }
        return new DataDir(root, channel, lock);
    }

    Path root() {
        return root;
    }

    /** Kafka's log directory, also used as its metadata log directory. */
    Path kafkaDir() {
        return root.resolve(KAFKA_DIR);
    }

    Optional<BrokerState> previousState() {
        return BrokerState.load(root.resolve(STATE_FILE));
    }

    void remember(BrokerState state) throws IOException {
        state.save(root.resolve(STATE_FILE));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock anyway.
        }
        closeQuietly(lockChannel);
    }

    /** NIO exceptions often carry only the path as their message; say what went wrong instead. */
    static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException _ -> "permission denied";
            case FileAlreadyExistsException f -> f.getFile() + " exists and is not a directory";
            case FileSystemException f when f.getReason() != null -> f.getFile() + ": " + f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do; the OS reclaims the handle with the process.
        }
    }
}
