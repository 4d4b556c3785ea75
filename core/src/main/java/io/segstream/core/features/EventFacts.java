package io.segstream.core.features;

import io.segstream.avro.EventType;

/**
 * What one event means for a user's counters, worked out once (sessions, order value, categories)
 * so that each counter's rule is a one-liner.
 *
 * @param categoryActivity activity per tracked category index (last index = other), null entries not allowed
 */
public record EventFacts(
    EventType type,
    long time,
    boolean newSession,
    boolean closedSessionHadCart,
    boolean closedSessionAbandoned,
    double orderValue,
    int items,
    int discountedItems,
    int returnedItems,
    double returnValue,
    int rating,
    ReviewSignals signals,
    double[] categoryActivity) {

  /** Text signals of a review, each in [0, 1] except sentiment in [-1, 1]; absent when not analysed. */
  public record ReviewSignals(boolean present, double sentiment, double delivery, double quality, double price) {
    public static final ReviewSignals NONE = new ReviewSignals(false, 0, 0, 0, 0);
  }

  public boolean is(final EventType t) {
    return type == t;
  }

  public double one(final EventType t) {
    return type == t ? 1.0 : 0.0;
  }
}
