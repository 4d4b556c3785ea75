package io.segstream.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * A text file opened for streaming (gzip if its name ends in .gz), with how far through the file reading
 * has got (the file channel's position, compressed bytes for .gz), so a progress bar needs no second pass.
 */
public final class InputFile implements AutoCloseable {
  private final Path path;
  private final long size;
  private final FileChannel channel;
  private final BufferedReader reader;

  private InputFile(final Path path, final long size, final FileChannel channel, final BufferedReader reader) {
    this.path = path;
    this.size = size;
    this.channel = channel;
    this.reader = reader;
  }

  /** @throws NoSuchFileException with the path in its message if the file is missing */
  public static InputFile open(final Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    final InputStream raw = Channels.newInputStream(channel);
    final InputStream content = path.getFileName().toString().endsWith(".gz")
        ? new GZIPInputStream(raw, 1 << 16) : raw;
    // Malformed UTF-8 becomes U+FFFD instead of an exception: one odd byte must not stop a whole import.
    final var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new InputFile(path, Files.size(path),
        channel, new BufferedReader(new InputStreamReader(content, decoder), 1 << 16));
  }

  public Path path() {
    return path;
  }

  public BufferedReader reader() {
    return reader;
  }

  /** Share of the file read so far, 0..1. */
  public double fractionRead() {
    try {
      return size == 0 || !channel.isOpen() ? 1.0 : Math.min(1.0, channel.position() / (double) size);
    } catch (final IOException e) {
      return 0.0; // progress is only a display
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
