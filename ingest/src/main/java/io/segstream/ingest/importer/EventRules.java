package io.segstream.ingest.importer;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import java.util.Optional;

/**
 * What makes an imported event acceptable: the rules the streams app applies (so a bad record is reported
 * here with its line number instead of landing in the dead-letter topic), in the app's configured limits.
 */
final class EventRules {
  private final SegstreamConfig.Validation limits;

  EventRules(final SegstreamConfig.Validation limits) {
    this.limits = limits;
  }

  Optional<FieldProblem> check(final UserEvent e) {
    if (e.getUserId().isBlank()) {
      return problem("userId", "is empty");
    }
    if (e.getUserId().length() > 256) {
      return problem("userId", "is longer than 256 characters");
    }
    switch (e.getType()) {
      case PAGE_VIEW, ADD_TO_CART, REMOVE_FROM_CART, REVIEW -> {
        if (e.getProduct() == null) {
          return problem("product", "is required for " + e.getType());
        }
        final Optional<FieldProblem> p = checkProduct("product", e.getProduct());
        if (p.isPresent()) {
          return p;
        }
      }
      case PURCHASE, RETURN -> {
        if (e.getItems().isEmpty()) {
          return problem("items", "a " + e.getType() + " needs at least one item");
        }
        if (e.getItems().size() > limits.maxItems()) {
          return problem("items", e.getItems().size() + " items, more than validation.max-items=" + limits.maxItems());
        }
        for (int i = 0; i < e.getItems().size(); i++) {
          final Optional<FieldProblem> p = checkItem("items[" + i + "]", e.getItems().get(i));
          if (p.isPresent()) {
            return p;
          }
        }
      }
      default -> {
        return problem("type", e.getType() + " cannot be imported");
      }
    }
    if (e.getReview() != null && e.getReview().getRating() != null
        && (e.getReview().getRating() < 1 || e.getReview().getRating() > 5)) {
      return problem("review.rating", "must be 1..5, was " + e.getReview().getRating());
    }
    final int bytes = AvroSerdes.USER_EVENT.serialize(null, e).length;
    if (bytes > limits.maxEventBytes()) {
      return problem("", "the event is " + bytes + " bytes encoded, more than validation.max-event-bytes="
          + limits.maxEventBytes());
    }
    return Optional.empty();
  }

  private Optional<FieldProblem> checkItem(final String path, final LineItem li) {
    final Optional<FieldProblem> p = checkProduct(path + ".product", li.getProduct());
    if (p.isPresent()) {
      return p;
    }
    if (li.getQuantity() < 1 || li.getQuantity() > limits.maxQuantity()) {
      return problem(path + ".quantity", "must be 1.." + limits.maxQuantity() + " (validation.max-quantity), was "
          + li.getQuantity() + (li.getQuantity() < 0 ? " (a return is a RETURN event with positive quantities)" : ""));
    }
    if (!Double.isFinite(li.getDiscount()) || li.getDiscount() < 0 || li.getDiscount() >= 1) {
      return problem(path + ".discount", "must be a fraction of the price in [0, 1) (0.25 = 25% off), was "
          + li.getDiscount());
    }
    return Optional.empty();
  }

  private Optional<FieldProblem> checkProduct(final String path, final Product p) {
    if (p.getProductId().isBlank()) {
      return problem(path + ".productId", "is empty");
    }
    if (!Double.isFinite(p.getPrice()) || p.getPrice() < 0 || p.getPrice() > limits.maxPrice()) {
      return problem(path + ".price", "must be 0.." + limits.maxPrice() + " (validation.max-price), was " + p.getPrice());
    }
    return Optional.empty();
  }

  private static Optional<FieldProblem> problem(final String field, final String message) {
    return Optional.of(new FieldProblem(field, message));
  }

  /** The accepted event types, for messages. */
  static boolean importable(final EventType t) {
    return t != EventType.UNKNOWN && t != EventType.REVIEW_SIGNALS;
  }
}
