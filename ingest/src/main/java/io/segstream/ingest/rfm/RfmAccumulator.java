package io.segstream.ingest.rfm;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds segstream events into per-customer recency, frequency and monetary value: the batch view of the
 * same events the system sees, so the comparison is between two readings of identical input.
 */
public final class RfmAccumulator {
  private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

  private static final class Activity {
    long lastPurchase = Long.MIN_VALUE;
    long orders;
    double spend;
    double returned;
  }

  private final Map<String, Activity> users = new HashMap<>();
  private long latestEvent = Long.MIN_VALUE;

  public void add(final UserEvent e) {
    final long t = e.getTimestamp().toEpochMilli();
    latestEvent = Math.max(latestEvent, t);
    final Activity a = users.computeIfAbsent(e.getUserId(), k -> new Activity());
    if (e.getType() == EventType.PURCHASE) {
      a.orders++;
      a.spend += value(e);
      a.lastPurchase = Math.max(a.lastPurchase, t);
    } else if (e.getType() == EventType.RETURN) {
      a.returned += value(e);
    }
  }

  /** Money in an order or return: quantity × price × (1 − discount) summed over its lines. */
  public static double value(final UserEvent e) {
    double v = 0;
    for (final LineItem li : e.getItems()) {
      v += li.getQuantity() * li.getProduct().getPrice() * (1.0 - li.getDiscount());
    }
    return v;
  }

  /** The latest event time seen: the natural reference date (the system's stream time at the end of a replay). */
  public Optional<Instant> latestEvent() {
    return latestEvent == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latestEvent));
  }

  /** Customers with at least one order, measured at {@code reference}. */
  public List<CustomerRfm> customers(final Instant reference) {
    final List<CustomerRfm> out = new ArrayList<>();
    users.forEach((id, a) -> {
      if (a.orders > 0) {
        out.add(new CustomerRfm(id, Math.max(0, (reference.toEpochMilli() - a.lastPurchase) / DAY_MILLIS), a.orders,
            a.spend, a.returned));
      }
    });
    return out;
  }

  /** Users with events but no order (only returns, in the retail data): outside RFM. */
  public Set<String> withoutOrders() {
    final Set<String> out = new TreeSet<>();
    users.forEach((id, a) -> {
      if (a.orders == 0) {
        out.add(id);
      }
    });
    return out;
  }
}
