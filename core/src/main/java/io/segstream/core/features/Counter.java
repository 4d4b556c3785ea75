package io.segstream.core.features;

import static io.segstream.avro.EventType.ADD_TO_CART;
import static io.segstream.avro.EventType.PAGE_VIEW;
import static io.segstream.avro.EventType.PURCHASE;
import static io.segstream.avro.EventType.REMOVE_FROM_CART;
import static io.segstream.avro.EventType.REVIEW;

import java.util.function.ToDoubleFunction;

/**
 * The raw per-user measurements, each one slot of state and one rule saying how an event adds to it.
 * DECAYED counters fade with the configured half-life (event time); LIFETIME ones never do.
 * Category activity is a block of extra decayed slots after these (see {@link SlotLayout}).
 * Appending a constant is a compatible change of the state layout; reordering is not.
 */
public enum Counter {
  VIEWS(Kind.DECAYED, f -> f.one(PAGE_VIEW)),
  CART_ADDS(Kind.DECAYED, f -> f.one(ADD_TO_CART)),
  CART_REMOVES(Kind.DECAYED, f -> f.one(REMOVE_FROM_CART)),
  SESSIONS(Kind.DECAYED, f -> f.newSession() ? 1 : 0),
  ORDERS(Kind.DECAYED, f -> f.one(PURCHASE)),
  SPEND(Kind.DECAYED, EventFacts::orderValue),
  ITEMS(Kind.DECAYED, EventFacts::items),
  DISCOUNTED_ITEMS(Kind.DECAYED, EventFacts::discountedItems),
  RETURNED_ITEMS(Kind.DECAYED, EventFacts::returnedItems),
  CART_SESSIONS(Kind.DECAYED, f -> f.closedSessionHadCart() ? 1 : 0),
  ABANDONED_CARTS(Kind.DECAYED, f -> f.closedSessionAbandoned() ? 1 : 0),
  REVIEWS(Kind.DECAYED, f -> f.one(REVIEW)),
  RATED_REVIEWS(Kind.DECAYED, f -> f.is(REVIEW) && f.rating() > 0 ? 1 : 0),
  RATING_SUM(Kind.DECAYED, f -> f.is(REVIEW) ? f.rating() : 0),
  TEXT_REVIEWS(Kind.DECAYED, f -> f.signals().present() ? 1 : 0),
  SENTIMENT_SUM(Kind.DECAYED, f -> f.signals().sentiment()),
  DELIVERY_COMPLAINT_SUM(Kind.DECAYED, f -> f.signals().delivery()),
  QUALITY_COMPLAINT_SUM(Kind.DECAYED, f -> f.signals().quality()),
  PRICE_COMPLAINT_SUM(Kind.DECAYED, f -> f.signals().price()),
  LIFETIME_ORDERS(Kind.LIFETIME, f -> f.one(PURCHASE)),
  LIFETIME_SPEND(Kind.LIFETIME, EventFacts::orderValue),
  LIFETIME_ITEMS(Kind.LIFETIME, EventFacts::items),
  LIFETIME_VIEWS(Kind.LIFETIME, f -> f.one(PAGE_VIEW)),
  LIFETIME_RETURN_VALUE(Kind.LIFETIME, EventFacts::returnValue);

  public enum Kind { DECAYED, LIFETIME }

  private final Kind kind;
  private final ToDoubleFunction<EventFacts> rule;

  Counter(final Kind kind, final ToDoubleFunction<EventFacts> rule) {
    this.kind = kind;
    this.rule = rule;
  }

  public Kind kind() {
    return kind;
  }

  public double contribution(final EventFacts facts) {
    return rule.applyAsDouble(facts);
  }
}
