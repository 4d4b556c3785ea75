package io.segstream.cli.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CSV records one at a time (RFC 4180: comma separated, fields in double quotes may hold commas,
 * line breaks and doubled quotes; CRLF or LF line ends). Product descriptions in shop exports contain
 * commas, so splitting lines on ',' is not enough.
 */
public final class CsvRecords {
  private static final int EOF = -1;

  private final Reader in;
  private long line = 1;
  private int peeked = Integer.MIN_VALUE;

  /** @param in read in large chunks by the caller's buffering; this class reads it char by char */
  public CsvRecords(final Reader in) {
    this.in = in;
  }

  /** The next record, or empty at the end of the input. Blank lines are skipped. */
  public Optional<CsvRecord> next() {
    while (true) {
      int c = read();
      if (c == EOF) {
        return Optional.empty();
      }
      if (c == '\n') {
        line++;
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        continue;
      }
      final long start = line;
      final List<String> fields = new ArrayList<>();
      final StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean afterQuote = false;
      while (true) {
        if (quoted) {
          if (c == EOF) {
            throw new CsvFormatException(start, "a quoted field is never closed (a '\"' is missing)");
          }
          if (c == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
            } else {
              quoted = false;
              afterQuote = true;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == ',' ) {
          fields.add(field.toString());
          field.setLength(0);
          afterQuote = false;
        } else if (c == '\n' || c == EOF || (c == '\r' && (peek() == '\n' || peek() == EOF))) {
          if (c == '\r') {
            read();
          }
          fields.add(field.toString());
          line++;
          return Optional.of(new CsvRecord(start, fields));
        } else if (c == '"' && field.isEmpty() && !afterQuote) {
          quoted = true;
        } else if (afterQuote) {
          throw new CsvFormatException(line, "unexpected '" + (char) c + "' after a closing quote");
        } else {
          field.append((char) c);
        }
        c = read();
      }
    }
  }

  private int read() {
    if (peeked != Integer.MIN_VALUE) {
      final int c = peeked;
      peeked = Integer.MIN_VALUE;
      return c;
    }
    try {
      return in.read();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int peek() {
    if (peeked == Integer.MIN_VALUE) {
      try {
        peeked = in.read();
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peeked;
  }
}
