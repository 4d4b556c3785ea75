package io.segstream.ingest.retail;

/** What {@link OnlineRetailReader} made of one record: a row, or the reason it could not be read. */
public sealed interface ReadResult {
  long line();

  record Row(RetailRow row) implements ReadResult {
    @Override
    public long line() {
      return row.line();
    }
  }

  /** @param problem names the column and what was wrong with it */
  record Malformed(long line, String problem) implements ReadResult {}
}
