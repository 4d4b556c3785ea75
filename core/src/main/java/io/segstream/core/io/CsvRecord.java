package io.segstream.core.io;

import java.util.List;

/**
 * One record of a CSV file.
 *
 * @param line the 1-based line the record starts on (a quoted field may span lines)
 */
public record CsvRecord(long line, List<String> fields) {
  public CsvRecord {
    fields = List.copyOf(fields);
  }
}
