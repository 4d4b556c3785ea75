package io.segstream.cli.chaos;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.topology.Rejection;
import io.segstream.streams.topology.SegmentationTopology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Bad input for scenario 5: one record for every reason the app dead-letters, each made from a real event of the
 * shop (keyed by a real user, so accepting one by mistake would show in that user's changes), plus one record that
 * passes validation and then throws inside the segment processor.
 */
final class PoisonRecords {
  /** The reason Kafka Streams' processing exception handler gives, in the dead letter's exception header. */
  static final String PROCESSING = "processing error";

  /**
   * @param topic where it is written; @param key the record key (null: none); @param reason what the dead letter
   *     must say
   */
  record Poison(String topic, String key, byte[] value, String reason) {}

  private PoisonRecords() {}

  /** Every validation reason once, then the processor failure; {@code round} makes each set's users differ. */
  static List<Poison> all(final SegstreamConfig config, final List<UserEvent> events, final int round) {
    final String input = config.topics().events().getFirst();
    final SegstreamConfig.Validation v = config.validation();
    final UserEvent view = copy(first(events, EventType.PAGE_VIEW, round));
    final UserEvent order = copy(first(events, EventType.PURCHASE, round));
    final String user = view.getUserId();
    final List<Poison> out = new ArrayList<>();

    final UserEvent big = copy(view);
    big.getProduct().setName("x".repeat(v.maxEventBytes() + 1));
    out.add(new Poison(input, user, bytes(big), Rejection.OVERSIZED));
    out.add(new Poison(input, user, "not an avro event".getBytes(StandardCharsets.UTF_8), Rejection.MALFORMED));
    out.add(event(input, user, copy(view), e -> e.setUserId(""), Rejection.MISSING_USER));
    out.add(event(input, user, copy(view), e -> e.setUserId("u".repeat(300)), Rejection.BAD_USER_ID));
    out.add(event(input, user, copy(view), e -> e.setType(EventType.UNKNOWN), Rejection.UNKNOWN_TYPE));
    out.add(event(input, user, copy(view), e -> e.setType(EventType.REVIEW_SIGNALS), Rejection.RESERVED_TYPE));
    out.add(event(input, user, copy(view), e -> e.setTimestamp(Instant.parse("1990-01-01T00:00:00Z")),
        Rejection.BAD_TIMESTAMP));
    out.add(event(input, user, copy(view),
        e -> e.setTimestamp(Instant.now().plus(v.maxFutureSkew()).plusSeconds(86_400)), Rejection.FUTURE_TIMESTAMP));
    out.add(event(input, user, copy(view), e -> e.setProduct(null), Rejection.MISSING_PRODUCT));
    out.add(event(input, user, copy(view), e -> e.getProduct().setPrice(-1.0), Rejection.BAD_PRICE));
    out.add(event(input, user, copy(view), e -> {
      e.setType(EventType.REVIEW);
      e.setReview(Review.newBuilder().setRating(9).setText("nine stars out of five").build());
    }, Rejection.BAD_RATING));
    final String buyer = order.getUserId();
    out.add(event(input, buyer, copy(order), e -> e.setItems(List.of()), Rejection.EMPTY_ORDER));
    // Small lines, so that the order is too long but not too big (that would be 'oversized').
    final LineItem small = LineItem.newBuilder().setProduct(Product.newBuilder().setProductId("p").setPrice(1.0)
        .build()).setQuantity(1).setDiscount(0.0).build();
    out.add(event(input, buyer, copy(order), e -> e.setItems(Collections.nCopies(v.maxItems() + 1, small)),
        Rejection.TOO_MANY_ITEMS));
    out.add(event(input, buyer, copy(order), e -> e.getItems().getFirst().setQuantity(0), Rejection.BAD_QUANTITY));
    out.add(event(input, buyer, copy(order), e -> e.getItems().getFirst().setDiscount(1.5), Rejection.BAD_DISCOUNT));
    // A valid event with no key on the by-user topic (segstream's own, but writable by anyone with access): it
    // skips the parser and makes the segment processor fail on its null key; Kafka Streams' handler dead-letters it.
    out.add(new Poison(SegmentationTopology.byUserTopic(config), null, bytes(copy(view)), PROCESSING));
    return out;
  }

  /** The reasons covered: every one the validator gives (the test of this class keeps the list complete). */
  static List<String> reasons(final List<Poison> poison) {
    return poison.stream().map(Poison::reason).distinct().toList();
  }

  private static Poison event(final String topic, final String key, final UserEvent e,
      final java.util.function.Consumer<UserEvent> spoil, final String reason) {
    spoil.accept(e);
    return new Poison(topic, key, bytes(e), reason);
  }

  private static UserEvent first(final List<UserEvent> events, final EventType type, final int skip) {
    return events.stream().filter(e -> e.getType() == type).skip(skip).findFirst()
        .orElseThrow(() -> new IllegalStateException("the shop script has no " + type + " event"));
  }

  /** A deep copy (through the serde), so spoiling it leaves the script's event intact. */
  private static UserEvent copy(final UserEvent e) {
    return AvroSerdes.USER_EVENT.decode(bytes(e));
  }

  private static byte[] bytes(final UserEvent e) {
    return AvroSerdes.USER_EVENT.serialize("", e);
  }

  /** For the notes: how many of each reason. */
  static Map<String, Long> count(final List<Poison> poison) {
    final Map<String, Long> m = new java.util.TreeMap<>();
    poison.forEach(p -> m.merge(p.reason(), 1L, Long::sum));
    return m;
  }
}
