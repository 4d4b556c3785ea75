package io.segstream.ingest.retail;

import io.segstream.core.io.CsvRecord;
import io.segstream.core.io.CsvRecords;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the UCI Online Retail CSV ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
 * CustomerID,Country}) one row at a time. Columns are found by their header names, so a re-ordered export
 * still reads; a row that cannot be parsed comes back as {@link ReadResult.Malformed} (counted by the
 * caller), never as an exception, because one bad line must not end an import of 300,000.
 */
public final class OnlineRetailReader {
  static final List<String> COLUMNS =
      List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country");
  /** The file's own format ({@code 2010-12-01 08:26:00}); ISO with a 'T' is accepted as well. */
  private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]", Locale.ROOT);

  private final CsvRecords records;
  private final int[] index = new int[COLUMNS.size()];

  /** @throws IllegalArgumentException if the header lacks one of {@link #COLUMNS}, naming it */
  public OnlineRetailReader(final Reader in) {
    this.records = new CsvRecords(in);
    final CsvRecord header = records.next()
        .orElseThrow(() -> new IllegalArgumentException("the file is empty; expected a header " + String.join(",", COLUMNS)));
    final List<String> names = header.fields().stream().map(s -> s.strip().replace("\uFEFF", "")).toList();
    final List<String> missing = new ArrayList<>();
    for (int i = 0; i < COLUMNS.size(); i++) {
      index[i] = names.indexOf(COLUMNS.get(i));
      if (index[i] < 0) {
        missing.add(COLUMNS.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the header has no column " + String.join(", ", missing) + " (found "
          + String.join(",", names) + "); is this the UCI Online Retail file?");
    }
  }

  /** The next row, or empty at the end of the file. */
  public Optional<ReadResult> next() {
    return records.next().map(this::parse);
  }

  private ReadResult parse(final CsvRecord r) {
    final List<String> f = r.fields();
    if (f.size() < COLUMNS.size()) {
      return new ReadResult.Malformed(r.line(), f.size() + " fields, expected " + COLUMNS.size());
    }
    final String invoice = field(f, 0);
    if (invoice.isEmpty()) {
      return new ReadResult.Malformed(r.line(), "InvoiceNo is empty");
    }
    final String stockCode = field(f, 1);
    if (stockCode.isEmpty()) {
      return new ReadResult.Malformed(r.line(), "StockCode is empty");
    }
    final int quantity;
    try {
      quantity = Integer.parseInt(field(f, 3));
    } catch (final NumberFormatException e) {
      return new ReadResult.Malformed(r.line(), "Quantity '" + field(f, 3) + "' is not a whole number");
    }
    final LocalDateTime date;
    try {
      date = parseDate(field(f, 4));
    } catch (final DateTimeParseException e) {
      return new ReadResult.Malformed(r.line(), "InvoiceDate '" + field(f, 4) + "' is not a date like 2010-12-01 08:26:00");
    }
    final double price;
    try {
      price = Double.parseDouble(field(f, 5));
    } catch (final NumberFormatException e) {
      return new ReadResult.Malformed(r.line(), "UnitPrice '" + field(f, 5) + "' is not a number");
    }
    if (!Double.isFinite(price)) {
      return new ReadResult.Malformed(r.line(), "UnitPrice '" + field(f, 5) + "' is not a finite number");
    }
    final Optional<String> customer;
    try {
      customer = customerId(field(f, 6));
    } catch (final NumberFormatException | ArithmeticException e) {
      return new ReadResult.Malformed(r.line(), "CustomerID '" + field(f, 6) + "' is not a whole number");
    }
    return new ReadResult.Row(new RetailRow(r.line(), invoice, stockCode, f.get(index[2]).strip(), quantity, date, price,
        customer, field(f, 7)));
  }

  private String field(final List<String> f, final int column) {
    return f.get(index[column]).strip();
  }

  private static LocalDateTime parseDate(final String s) {
    return s.indexOf('T') > 0 ? LocalDateTime.parse(s) : LocalDateTime.parse(s, SPACE_SEPARATED);
  }

  /** {@code 17850.0} → {@code 17850}: the id is an integer the export wrote as a float. */
  static Optional<String> customerId(final String raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(raw).stripTrailingZeros().toBigIntegerExact().toString());
  }
}
