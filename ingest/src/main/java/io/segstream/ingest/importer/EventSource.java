package io.segstream.ingest.importer;

import java.util.Optional;

/** An import file read one record at a time, so files of any size stream through. */
public interface EventSource {
  /** The next record, or empty at the end of the file. */
  Optional<ParsedEvent> next();

  /** Lines of the file consumed so far. */
  long linesRead();
}
