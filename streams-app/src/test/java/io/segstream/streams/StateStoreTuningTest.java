package io.segstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * The store settings on a real RocksDB, written the way the profiles store is: every user rewritten again and again.
 * Kafka Streams' own settings (universal compaction, four sorted runs before compacting, 200% size amplification)
 * keep a copy per memtable flush; these must keep the files near one copy of the live data.
 */
class StateStoreTuningTest {
  private static final int USERS = 60_000;
  private static final int ROUNDS = 3; // fewer than the four runs Kafka Streams waits for

  @Test
  void rewritingEveryUserKeepsTheFilesNearOneCopy(@TempDir final Path dir) throws Exception {
    final double copies = copiesAfterRewrites(dir, Map.of());
    assertThat(copies).as("files after %d rewrites of every user, in copies of the live data", ROUNDS)
        .isLessThanOrEqualTo(1.3);
  }

  @Test
  void kafkaStreamsCompactionKeepsACopyPerFlush(@TempDir final Path dir) throws Exception {
    final double copies = copiesAfterRewrites(dir, Map.of(StateStoreTuning.COMPACTION_CONFIG, "kafka-streams"));
    assertThat(copies).as("streams.state-compaction=kafka-streams: nothing compacts before 4 sorted runs")
        .isGreaterThan(ROUNDS - 0.5);
  }

  private static double copiesAfterRewrites(final Path dir, final Map<String, Object> configs) throws Exception {
    RocksDB.loadLibrary();
    final StateStoreTuning tuning = new StateStoreTuning();
    // As Kafka Streams opens a store: its defaults first, then the config setter.
    try (Options options = new Options().setCreateIfMissing(true).setCompactionStyle(CompactionStyle.UNIVERSAL)
        .setMaxWriteBufferNumber(3).setTableFormatConfig(new BlockBasedTableConfig());
        WriteOptions write = new WriteOptions().setDisableWAL(true);
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      tuning.setConfig("user-profiles", options, configs);
      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        final SplittableRandom random = new SplittableRandom(7);
        final byte[] value = new byte[110];
        for (int round = 0; round < ROUNDS; round++) {
          for (int user = 0; user < USERS; user++) {
            fill(value, random);
            db.put(write, ("user-" + user).getBytes(), value);
          }
          db.flush(flush); // a whole copy per round: the sweep's rewrite of every user, or a busy day
        }
        awaitCompactions(db, dir);
        final long settled = sstBytes(dir);
        db.compactRange();
        final long oneCopy = sstBytes(dir);
        return (double) settled / oneCopy;
      } finally {
        tuning.close("user-profiles", options);
      }
    }
  }

  /** Profile-like bytes: a few varied floats among zeros and repeated structure, so LZ4 finds what it finds in real ones. */
  private static void fill(final byte[] value, final SplittableRandom random) {
    final ByteBuffer b = ByteBuffer.wrap(value);
    b.put((byte) 1).put("a1b2c3d4e5f6".getBytes());
    while (b.remaining() >= 4) {
      b.putFloat(random.nextInt(3) == 0 ? 0f : (float) random.nextDouble(100));
    }
  }

  /** Until no compaction runs and the files have not changed for a second (RocksDB schedules them in the background). */
  private static void awaitCompactions(final RocksDB db, final Path dir) throws Exception {
    final long deadline = System.currentTimeMillis() + 20_000;
    long last = -1;
    long stableSince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      final long now = sstBytes(dir);
      if (now != last || db.getLongProperty("rocksdb.num-running-compactions") > 0) {
        last = now;
        stableSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stableSince > 1_000) {
        return;
      }
      Thread.sleep(50);
    }
  }

  private static long sstBytes(final Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".sst")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
