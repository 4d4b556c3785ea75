package io.segstream.core.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV records one at a time (RFC 4180, parsed by Apache Commons CSV: quoted fields may hold commas, line
 * breaks and doubled quotes; CRLF or LF; blank lines skipped), each with the line it starts on, so errors
 * can name the line a person would look at. Malformed input becomes a {@link CsvFormatException}.
 */
public final class CsvRecords {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  private final NewlineIndex lines;
  private final Iterator<CSVRecord> records;
  private long lastLine;

  public CsvRecords(final Reader in) {
    this.lines = new NewlineIndex(in);
    try {
      this.records = CSVParser.parse(lines, FORMAT).iterator();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the next record, or empty at the end of the input */
  public Optional<CsvRecord> next() {
    try {
      if (!records.hasNext()) {
        return Optional.empty();
      }
      final CSVRecord r = records.next();
      lastLine = lines.lineAt(r.getCharacterPosition());
      return Optional.of(new CsvRecord(lastLine, r.toList()));
    } catch (final UncheckedIOException | IllegalStateException e) {
      throw malformed(e);
    }
  }

  private CsvFormatException malformed(final RuntimeException e) {
    final String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    final String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("eof reached before encapsulated token finished")) {
      return new CsvFormatException(lastLine + 1, "a quoted field is never closed (a '\"' is missing)");
    }
    if (lower.contains("between encapsulated token and delimiter")) {
      return new CsvFormatException(lastLine + 1, "unexpected text after a closing quote (quote the whole field, and"
          + " double any '\"' inside it)");
    }
    return new CsvFormatException(lastLine + 1, message);
  }

  /**
   * Remembers where line breaks were read, so a record's character position maps to a line number. Positions
   * are asked for in order and the parser reads only a buffer ahead, so only a few breaks are ever held.
   */
  private static final class NewlineIndex extends FilterReader {
    /** A line break from its first char (the CR of a CR LF) to its LF. */
    private record Break(long start, long end) {}

    private final ArrayDeque<Break> breaks = new ArrayDeque<>();
    private long position;
    private int previous = -1;
    private long linesBefore;

    NewlineIndex(final Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      final int c = super.read();
      if (c >= 0) {
        see((char) c);
      }
      return c;
    }

    @Override
    public int read(final char[] buf, final int off, final int len) throws IOException {
      final int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        see(buf[off + i]);
      }
      return n;
    }

    private void see(final char c) {
      if (c == '\n') {
        breaks.addLast(new Break(previous == '\r' ? position - 1 : position, position));
      }
      previous = c;
      position++;
    }

    /** The line of the first content at or after the position (the parser's position precedes skipped blank lines). */
    long lineAt(final long charPosition) {
      long pos = charPosition;
      while (!breaks.isEmpty()) {
        final Break next = breaks.peekFirst();
        if (next.start() < pos) {
          breaks.pollFirst();
          linesBefore++;
        } else if (next.start() == pos) { // a blank line the parser skipped
          breaks.pollFirst();
          linesBefore++;
          pos = next.end() + 1;
        } else {
          break;
        }
      }
      return linesBefore + 1;
    }
  }
}
