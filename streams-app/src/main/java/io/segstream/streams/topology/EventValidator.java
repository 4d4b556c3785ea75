package io.segstream.streams.topology;

import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides whether raw input bytes are a usable event. Everything out of range is refused with a reason
 * (and dead-lettered by the caller); over-long review text is truncated rather than refused, since the
 * rest of the event is still good.
 */
public final class EventValidator {
  /** Earliest plausible event time: before this, a timestamp is a unit or encoding mistake. */
  private static final long EARLIEST = Instant.parse("1995-01-01T00:00:00Z").toEpochMilli();
  private static final int MAX_USER_ID_CHARS = 256;

  private final SegstreamConfig.Validation limits;

  /** A usable event, and whether its review text had to be cut. */
  public record Accepted(UserEvent event, boolean truncated) {}

  /** Exactly one of accepted/rejected is present. */
  public record Outcome(Optional<Accepted> accepted, Optional<Rejection> rejected) {
    static Outcome ok(final UserEvent e, final boolean truncated) {
      return new Outcome(Optional.of(new Accepted(e, truncated)), Optional.empty());
    }

    static Outcome no(final String reason, final String detail) {
      return new Outcome(Optional.empty(), Optional.of(new Rejection(reason, detail)));
    }
  }

  public EventValidator(final SegstreamConfig.Validation limits) {
    this.limits = limits;
  }

  public Outcome validate(final byte[] value, final long wallClockMillis) {
    if (value == null || value.length == 0) {
      return Outcome.no(Rejection.MALFORMED, "empty value");
    }
    if (value.length > limits.maxEventBytes()) {
      return Outcome.no(Rejection.OVERSIZED, value.length + " bytes > validation.max-event-bytes=" + limits.maxEventBytes());
    }
    final UserEvent e;
    try {
      e = AvroSerdes.USER_EVENT.decode(value);
    } catch (final SerializationException ex) {
      return Outcome.no(Rejection.MALFORMED, ex.getMessage());
    }
    return check(e, wallClockMillis);
  }

  Outcome check(final UserEvent e, final long wallClockMillis) {
    final String user = e.getUserId();
    if (user == null || user.isBlank()) {
      return Outcome.no(Rejection.MISSING_USER, "userId is empty");
    }
    if (user.length() > MAX_USER_ID_CHARS) {
      return Outcome.no(Rejection.BAD_USER_ID, "userId longer than " + MAX_USER_ID_CHARS + " characters");
    }
    final long t = e.getTimestamp().toEpochMilli();
    if (t < EARLIEST) {
      return Outcome.no(Rejection.BAD_TIMESTAMP, "timestamp " + e.getTimestamp() + " is before 1995 (seconds instead of millis?)");
    }
    if (t > wallClockMillis + limits.maxFutureSkew().toMillis()) {
      return Outcome.no(Rejection.FUTURE_TIMESTAMP, "timestamp " + e.getTimestamp() + " is more than "
          + limits.maxFutureSkew().toSeconds() + "s in the future");
    }
    switch (e.getType()) {
      case UNKNOWN -> {
        return Outcome.no(Rejection.UNKNOWN_TYPE, "event type unknown to this version");
      }
      case REVIEW_SIGNALS -> {
        return Outcome.no(Rejection.RESERVED_TYPE, "REVIEW_SIGNALS is produced by segstream's text stage, not by shops");
      }
      case PAGE_VIEW, ADD_TO_CART, REMOVE_FROM_CART, REVIEW -> {
        if (e.getProduct() == null) {
          return Outcome.no(Rejection.MISSING_PRODUCT, e.getType() + " without a product");
        }
        final Optional<Outcome> bad = checkProduct(e.getProduct());
        if (bad.isPresent()) {
          return bad.get();
        }
      }
      case PURCHASE, RETURN -> {
        if (e.getItems().isEmpty()) {
          return Outcome.no(Rejection.EMPTY_ORDER, e.getType() + " without items");
        }
        if (e.getItems().size() > limits.maxItems()) {
          return Outcome.no(Rejection.TOO_MANY_ITEMS, e.getItems().size() + " items > validation.max-items=" + limits.maxItems());
        }
        for (final LineItem li : e.getItems()) {
          final Optional<Outcome> bad = checkLine(li);
          if (bad.isPresent()) {
            return bad.get();
          }
        }
      }
    }
    boolean truncated = false;
    final Review review = e.getReview();
    if (review != null) {
      if (review.getRating() != null && (review.getRating() < 1 || review.getRating() > 5)) {
        return Outcome.no(Rejection.BAD_RATING, "rating " + review.getRating() + " is not 1..5");
      }
      if (review.getText() != null && review.getText().length() > limits.maxTextChars()) {
        review.setText(review.getText().substring(0, limits.maxTextChars()));
        truncated = true;
      }
      // Signals are ours to compute; a shop cannot inject them.
      review.setSignals(null);
    }
    return Outcome.ok(e, truncated);
  }

  private Optional<Outcome> checkProduct(final Product p) {
    if (!Double.isFinite(p.getPrice()) || p.getPrice() < 0 || p.getPrice() > limits.maxPrice()) {
      return Optional.of(Outcome.no(Rejection.BAD_PRICE, "price " + p.getPrice() + " of product " + p.getProductId()
          + " is outside 0..validation.max-price=" + limits.maxPrice()));
    }
    return Optional.empty();
  }

  private Optional<Outcome> checkLine(final LineItem li) {
    final Optional<Outcome> bad = checkProduct(li.getProduct());
    if (bad.isPresent()) {
      return bad;
    }
    if (li.getQuantity() < 1 || li.getQuantity() > limits.maxQuantity()) {
      return Optional.of(Outcome.no(Rejection.BAD_QUANTITY, "quantity " + li.getQuantity()
          + " is outside 1..validation.max-quantity=" + limits.maxQuantity()));
    }
    if (!Double.isFinite(li.getDiscount()) || li.getDiscount() < 0 || li.getDiscount() >= 1) {
      return Optional.of(Outcome.no(Rejection.BAD_DISCOUNT, "discount " + li.getDiscount() + " is not a fraction in [0, 1)"));
    }
    return Optional.empty();
  }
}
