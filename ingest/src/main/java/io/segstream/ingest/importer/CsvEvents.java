package io.segstream.ingest.importer;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.io.CsvRecord;
import io.segstream.core.io.CsvRecords;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A flat CSV export: a header naming the columns (any order; only user_id, type and timestamp required), then
 * one row per event, except orders and returns, which have one row per line item: consecutive PURCHASE or
 * RETURN rows with the same user_id, type and a non-empty order_id are one event (its time, event and
 * session id from the first row). A row with an empty order_id is an order of one line.
 */
public final class CsvEvents implements EventSource {
  public static final List<String> COLUMNS = List.of("user_id", "type", "timestamp", "event_id", "session_id",
      "order_id", "product_id", "product_name", "category", "price", "quantity", "discount", "rating", "review_text");
  private static final List<String> REQUIRED = List.of("user_id", "type", "timestamp");
  private static final Pattern ITEM_PATH = Pattern.compile("items\\[(\\d+)]\\.(.+)");

  private final CsvRecords records;
  private final Timestamps timestamps;
  private final EventRules rules;
  private final Map<String, Integer> index = new HashMap<>();
  private Optional<CsvRecord> pending = Optional.empty();
  private long lastLine;

  /** @throws IllegalArgumentException if the header is missing, or names an unknown or no required column */
  public CsvEvents(final Reader in, final ImportSettings settings) {
    this.records = new CsvRecords(in);
    this.timestamps = new Timestamps(settings.zone());
    this.rules = new EventRules(settings.limits());
    final CsvRecord header = records.next().orElseThrow(() -> new IllegalArgumentException(
        "the file is empty; the first line must be a header such as " + String.join(",", COLUMNS)));
    lastLine = header.line();
    for (int i = 0; i < header.fields().size(); i++) {
      final String name = header.fields().get(i).strip().replace("\uFEFF", "");
      if (!COLUMNS.contains(name)) {
        throw new IllegalArgumentException("line 1: unknown column '" + name + "'; the columns are "
            + String.join(",", COLUMNS) + " (only " + String.join(", ", REQUIRED) + " are required)");
      }
      if (index.put(name, i) != null) {
        throw new IllegalArgumentException("line 1: column '" + name + "' appears twice");
      }
    }
    final List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("line 1: the header has no " + String.join(", ", missing)
          + " column; the columns are " + String.join(",", COLUMNS));
    }
  }

  @Override
  public long linesRead() {
    return lastLine;
  }

  @Override
  public Optional<ParsedEvent> next() {
    final Optional<CsvRecord> first = take();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    final List<CsvRecord> rows = new ArrayList<>(List.of(first.get()));
    final Optional<String> key = orderKey(first.get());
    if (key.isPresent()) {
      Optional<CsvRecord> more;
      while ((more = take()).isPresent()) {
        if (orderKey(more.get()).equals(key)) {
          rows.add(more.get());
        } else {
          pending = more;
          break;
        }
      }
    }
    return Optional.of(parse(rows));
  }

  private Optional<CsvRecord> take() {
    if (pending.isPresent()) {
      final Optional<CsvRecord> r = pending;
      pending = Optional.empty();
      return r;
    }
    final Optional<CsvRecord> r = records.next();
    r.ifPresent(x -> lastLine = x.line());
    return r;
  }

  /** The rows of one order share this; empty for a row that is an event on its own. */
  private Optional<String> orderKey(final CsvRecord r) {
    final String type = raw(r, "type").strip().toUpperCase(Locale.ROOT);
    final String order = raw(r, "order_id");
    if (order.isEmpty() || !(type.equals("PURCHASE") || type.equals("RETURN"))) {
      return Optional.empty();
    }
    return Optional.of(raw(r, "user_id") + '\u0000' + type + '\u0000' + order);
  }

  private ParsedEvent parse(final List<CsvRecord> rows) {
    final CsvRecord first = rows.getFirst();
    final String raw = rows.stream().map(CsvEvents::render).collect(Collectors.joining("\n"));
    CsvRecord at = first;
    try {
      for (final CsvRecord r : rows) {
        if (r.fields().size() != index.size()) {
          at = r;
          throw new FieldException("", r.fields().size() + " fields, the header has " + index.size());
        }
      }
      final EventType type = JsonlEvents.type(required(first, "type"));
      final UserEvent.Builder e = UserEvent.newBuilder()
          .setUserId(required(first, "user_id"))
          .setType(type)
          .setTimestamp(timestamp(first))
          .setEventId(optional(first, "event_id"))
          .setSessionId(optional(first, "session_id"))
          .setOrderId(optional(first, "order_id"))
          .setProduct(null)
          .setItems(new ArrayList<>())
          .setReview(null);
      if (type == EventType.PURCHASE || type == EventType.RETURN) {
        final List<LineItem> items = new ArrayList<>();
        for (final CsvRecord r : rows) {
          at = r;
          items.add(LineItem.newBuilder().setProduct(product(r))
              .setQuantity(integer(r, "quantity").orElse(1)).setDiscount(number(r, "discount").orElse(0.0)).build());
        }
        e.setItems(items);
      } else {
        e.setProduct(optional(first, "product_id") == null ? null : product(first));
        final Optional<Integer> rating = integer(first, "rating");
        final String text = optional(first, "review_text");
        if (rating.isPresent() || text != null) {
          e.setReview(Review.newBuilder().setRating(rating.orElse(null)).setText(text).setSignals(null).build());
        }
      }
      final UserEvent event = e.build();
      final Optional<FieldProblem> p = rules.check(event);
      if (p.isPresent()) {
        final Matcher m = ITEM_PATH.matcher(p.get().field());
        final CsvRecord bad = m.matches() ? rows.get(Integer.parseInt(m.group(1))) : first;
        return new ParsedEvent.Invalid(bad.line(), rows.size(), column(p.get().field()), p.get().message(), raw);
      }
      return new ParsedEvent.Valid(first.line(), event);
    } catch (final FieldException ex) {
      return new ParsedEvent.Invalid(at.line(), rows.size(), ex.field(), ex.getMessage(), raw);
    }
  }

  private Instant timestamp(final CsvRecord r) {
    try {
      return timestamps.parse(required(r, "timestamp"));
    } catch (final IllegalArgumentException e) {
      throw new FieldException("timestamp", e.getMessage());
    }
  }

  private Product product(final CsvRecord r) {
    return Product.newBuilder()
        .setProductId(required(r, "product_id"))
        .setName(optional(r, "product_name"))
        .setCategory(optional(r, "category"))
        .setPrice(number(r, "price").orElse(0.0))
        .build();
  }

  private String raw(final CsvRecord r, final String column) {
    final Integer i = index.get(column);
    return i == null || i >= r.fields().size() ? "" : r.fields().get(i);
  }

  private String required(final CsvRecord r, final String column) {
    final String v = raw(r, column).strip();
    if (v.isEmpty()) {
      throw new FieldException(column, "is required");
    }
    return v;
  }

  /** The value, or null (Avro's "absent") when the column is missing or empty. */
  private String optional(final CsvRecord r, final String column) {
    final String v = raw(r, column).strip();
    return v.isEmpty() ? null : v;
  }

  private Optional<Double> number(final CsvRecord r, final String column) {
    final String v = raw(r, column).strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(v));
    } catch (final NumberFormatException e) {
      throw new FieldException(column, "'" + v + "' is not a number (use '.' as the decimal point)");
    }
  }

  private Optional<Integer> integer(final CsvRecord r, final String column) {
    final String v = raw(r, column).strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v));
    } catch (final NumberFormatException e) {
      throw new FieldException(column, "'" + v + "' is not a whole number");
    }
  }

  /** EventRules speaks in JSON paths; a CSV user knows the columns. */
  static String column(final String jsonPath) {
    final Matcher m = ITEM_PATH.matcher(jsonPath);
    final String tail = m.matches() ? m.group(2) : jsonPath;
    return switch (tail) {
      case "userId" -> "user_id";
      case "items", "product", "product.productId", "productId" -> "product_id";
      case "product.price", "price" -> "price";
      case "product.name" -> "product_name";
      case "product.category" -> "category";
      case "review.rating" -> "rating";
      default -> tail;
    };
  }

  private static String render(final CsvRecord r) {
    return r.fields().stream().map(f -> f.contains(",") || f.contains("\"") || f.contains("\n")
        ? "\"" + f.replace("\"", "\"\"") + "\"" : f).collect(Collectors.joining(","));
  }
}
