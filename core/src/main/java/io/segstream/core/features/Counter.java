package io.segstream.core.features;

import static io.segstream.avro.EventType.ADD_TO_CART;
import static io.segstream.avro.EventType.PAGE_VIEW;
import static io.segstream.avro.EventType.PURCHASE;
import static io.segstream.avro.EventType.REMOVE_FROM_CART;
import static io.segstream.avro.EventType.REVIEW;

/**
 * The raw per-user measurements, each one slot of state and one rule saying how an event adds to it.
 * DECAYED counters fade with the configured half-life (event time); LIFETIME ones never do.
 * Category activity is a block of extra decayed slots after these (see {@link SlotLayout}).
 * Appending a constant is a compatible change of the state layout; reordering is not.
 */
public enum Counter {
  VIEWS(Kind.DECAYED),
  CART_ADDS(Kind.DECAYED),
  CART_REMOVES(Kind.DECAYED),
  SESSIONS(Kind.DECAYED),
  ORDERS(Kind.DECAYED),
  SPEND(Kind.DECAYED),
  ITEMS(Kind.DECAYED),
  DISCOUNTED_ITEMS(Kind.DECAYED),
  RETURNED_ITEMS(Kind.DECAYED),
  CART_SESSIONS(Kind.DECAYED),
  ABANDONED_CARTS(Kind.DECAYED),
  REVIEWS(Kind.DECAYED),
  RATED_REVIEWS(Kind.DECAYED),
  RATING_SUM(Kind.DECAYED),
  TEXT_REVIEWS(Kind.DECAYED),
  SENTIMENT_SUM(Kind.DECAYED),
  DELIVERY_COMPLAINT_SUM(Kind.DECAYED),
  QUALITY_COMPLAINT_SUM(Kind.DECAYED),
  PRICE_COMPLAINT_SUM(Kind.DECAYED),
  LIFETIME_ORDERS(Kind.LIFETIME),
  LIFETIME_SPEND(Kind.LIFETIME),
  LIFETIME_ITEMS(Kind.LIFETIME),
  LIFETIME_VIEWS(Kind.LIFETIME),
  LIFETIME_RETURN_VALUE(Kind.LIFETIME);

  public enum Kind { DECAYED, LIFETIME }

  private final Kind kind;

  Counter(final Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * How much the event adds to this counter. A switch, not a function per constant: called for every counter on
   * every event from one call site, a function per constant made that call megamorphic, a dispatch the JIT cannot
   * inline (about 2% of the stream thread, docs/performance.md); the switch compiles to a jump table.
   */
  public double contribution(final EventFacts f) {
    return switch (this) {
      case VIEWS -> f.one(PAGE_VIEW);
      case CART_ADDS -> f.one(ADD_TO_CART);
      case CART_REMOVES -> f.one(REMOVE_FROM_CART);
      case SESSIONS -> f.newSession() ? 1 : 0;
      case ORDERS -> f.one(PURCHASE);
      case SPEND -> f.orderValue();
      case ITEMS -> f.items();
      case DISCOUNTED_ITEMS -> f.discountedItems();
      case RETURNED_ITEMS -> f.returnedItems();
      case CART_SESSIONS -> f.closedSessionHadCart() ? 1 : 0;
      case ABANDONED_CARTS -> f.closedSessionAbandoned() ? 1 : 0;
      case REVIEWS -> f.one(REVIEW);
      case RATED_REVIEWS -> f.is(REVIEW) && f.rating() > 0 ? 1 : 0;
      case RATING_SUM -> f.is(REVIEW) ? f.rating() : 0;
      case TEXT_REVIEWS -> f.signals().present() ? 1 : 0;
      case SENTIMENT_SUM -> f.signals().sentiment();
      case DELIVERY_COMPLAINT_SUM -> f.signals().delivery();
      case QUALITY_COMPLAINT_SUM -> f.signals().quality();
      case PRICE_COMPLAINT_SUM -> f.signals().price();
      case LIFETIME_ORDERS -> f.one(PURCHASE);
      case LIFETIME_SPEND -> f.orderValue();
      case LIFETIME_ITEMS -> f.items();
      case LIFETIME_VIEWS -> f.one(PAGE_VIEW);
      case LIFETIME_RETURN_VALUE -> f.returnValue();
    };
  }
}
