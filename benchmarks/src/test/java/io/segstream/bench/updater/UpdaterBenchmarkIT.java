package io.segstream.bench.updater;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link UpdaterThroughputBenchmark} when asked to ({@code -Dsegstream.bench.vectors=N}); prints, asserts nothing.
 * Optional: {@code -Dsegstream.bench.partitions=6}, {@code -Dsegstream.bench.compression=none|lz4|...}.
 */
@EnabledIfSystemProperty(named = "segstream.bench.vectors", matches = "\\d+")
class UpdaterBenchmarkIT {
  @Test
  void measureUpdaterThroughput(@TempDir final Path dir) throws Exception {
    final long n = Long.parseLong(System.getProperty("segstream.bench.vectors"));
    final int partitions = Integer.getInteger("segstream.bench.partitions", 6);
    final UpdaterThroughputBenchmark.Result r = UpdaterThroughputBenchmark.run(dir, n, partitions);
    System.out.println(r.report());
  }
}
