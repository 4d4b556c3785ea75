package io.segstream.ingest.importer;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats `segstream produce` reads. */
public enum ImportFormat {
  JSONL, CSV;

  public EventSource open(final BufferedReader in, final ImportSettings settings) {
    return switch (this) {
      case JSONL -> new JsonlEvents(in, settings);
      case CSV -> new CsvEvents(in, settings);
    };
  }

  /** From the file name (.jsonl/.ndjson/.json, .csv, optionally .gz), if it says. */
  public static Optional<ImportFormat> guess(final Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return Optional.of(JSONL);
    }
    return n.endsWith(".csv") ? Optional.of(CSV) : Optional.empty();
  }
}
