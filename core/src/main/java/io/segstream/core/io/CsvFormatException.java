package io.segstream.core.io;

/** The file is not CSV as RFC 4180 describes it (an unterminated quote, for instance). */
public final class CsvFormatException extends RuntimeException {
  private final long line;

  public CsvFormatException(final long line, final String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  public long line() {
    return line;
  }
}
