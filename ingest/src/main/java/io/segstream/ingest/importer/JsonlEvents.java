package io.segstream.ingest.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * JSON lines: one UserEvent per line, with the Avro contract's field names. Blank lines are skipped. See
 * the README ("Importing your own data") for the format; the field paths in errors are the same names.
 */
public final class JsonlEvents implements EventSource {
  static final Set<String> EVENT_FIELDS =
      Set.of("userId", "type", "timestamp", "eventId", "sessionId", "product", "items", "orderId", "review");
  static final Set<String> PRODUCT_FIELDS = Set.of("productId", "name", "category", "price");
  static final Set<String> ITEM_FIELDS = Set.of("product", "quantity", "discount");
  static final Set<String> REVIEW_FIELDS = Set.of("rating", "text");

  private final BufferedReader in;
  private final Timestamps timestamps;
  private final EventRules rules;
  private final ObjectMapper json = new ObjectMapper();
  private long line;

  public JsonlEvents(final BufferedReader in, final ImportSettings settings) {
    this.in = in;
    this.timestamps = new Timestamps(settings.zone());
    this.rules = new EventRules(settings.limits());
  }

  @Override
  public Optional<ParsedEvent> next() {
    while (true) {
      final String text;
      try {
        text = in.readLine();
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
      if (text == null) {
        return Optional.empty();
      }
      line++;
      if (!text.isBlank()) {
        return Optional.of(parse(text));
      }
    }
  }

  @Override
  public long linesRead() {
    return line;
  }

  ParsedEvent parse(final String text) {
    final JsonNode root;
    try {
      root = json.readTree(text);
    } catch (final JsonProcessingException e) {
      return new ParsedEvent.Invalid(line, 1, "", "not valid JSON: " + e.getOriginalMessage(), text);
    }
    try {
      final UserEvent e = event(root);
      final Optional<FieldProblem> p = rules.check(e);
      if (p.isPresent()) {
        return new ParsedEvent.Invalid(line, 1, p.get().field(), p.get().message(), text);
      }
      return new ParsedEvent.Valid(line, e);
    } catch (final FieldException e) {
      return new ParsedEvent.Invalid(line, 1, e.field(), e.getMessage(), text);
    }
  }

  private UserEvent event(final JsonNode root) {
    final JsonFields f = JsonFields.of(root, "", EVENT_FIELDS);
    final List<LineItem> items = new ArrayList<>();
    final List<JsonNode> rawItems = f.array("items");
    for (int i = 0; i < rawItems.size(); i++) {
      items.add(item(rawItems.get(i), "items[" + i + "]"));
    }
    return UserEvent.newBuilder()
        .setUserId(f.requiredString("userId"))
        .setType(type(f.requiredString("type")))
        .setTimestamp(timestamp(f))
        .setEventId(f.optionalString("eventId").orElse(null))
        .setSessionId(f.optionalString("sessionId").orElse(null))
        .setProduct(f.node("product").map(p -> product(p, "product")).orElse(null))
        .setItems(items)
        .setOrderId(f.optionalString("orderId").orElse(null))
        .setReview(f.node("review").map(JsonlEvents::review).orElse(null))
        .build();
  }

  private Instant timestamp(final JsonFields f) {
    final JsonNode t = f.node("timestamp").orElseThrow(() -> new FieldException("timestamp", "is required"));
    try {
      if (t.isIntegralNumber()) {
        return timestamps.fromMillis(t.longValue());
      }
      if (t.isTextual()) {
        return timestamps.parse(t.asText());
      }
    } catch (final IllegalArgumentException e) {
      throw new FieldException("timestamp", e.getMessage());
    }
    throw new FieldException("timestamp", "must be an ISO-8601 string or epoch milliseconds, was " + JsonFields.kind(t));
  }

  static EventType type(final String raw) {
    final EventType t;
    try {
      t = EventType.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new FieldException("type", "'" + raw + "' is not one of " + ImportSettings.TYPES);
    }
    if (!EventRules.importable(t)) {
      throw new FieldException("type", "'" + raw + "' cannot be imported; use one of " + ImportSettings.TYPES);
    }
    return t;
  }

  private static Product product(final JsonNode node, final String path) {
    final JsonFields f = JsonFields.of(node, path, PRODUCT_FIELDS);
    return Product.newBuilder()
        .setProductId(f.requiredString("productId"))
        .setName(f.optionalString("name").orElse(null))
        .setCategory(f.optionalString("category").orElse(null))
        .setPrice(f.optionalNumber("price").orElse(0.0))
        .build();
  }

  private static LineItem item(final JsonNode node, final String path) {
    final JsonFields f = JsonFields.of(node, path, ITEM_FIELDS);
    return LineItem.newBuilder()
        .setProduct(product(f.node("product").orElseThrow(() -> new FieldException(f.path("product"), "is required")),
            f.path("product")))
        .setQuantity(f.optionalInt("quantity").orElse(1))
        .setDiscount(f.optionalNumber("discount").orElse(0.0))
        .build();
  }

  private static Review review(final JsonNode node) {
    final JsonFields f = JsonFields.of(node, "review", REVIEW_FIELDS);
    return Review.newBuilder()
        .setRating(f.optionalInt("rating").orElse(null))
        .setText(f.optionalString("text").orElse(null))
        .setSignals(null)
        .build();
  }
}
