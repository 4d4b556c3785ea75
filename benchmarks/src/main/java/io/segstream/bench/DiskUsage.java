package io.segstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Bytes of the files under a directory whose paths match, for the benchmarks' state-size figures. */
final class DiskUsage {
  private DiskUsage() {}

  static long bytesUnder(final Path root, final Predicate<String> include) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> include.test(f.toString()) && Files.isRegularFile(f)).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (final IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
