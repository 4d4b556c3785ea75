package io.segstream.ingest.evaluation;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import io.segstream.ingest.rfm.CustomerRfm;
import io.segstream.ingest.rfm.RfmAccumulator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A temporal hold-out of one shop's events: the history the system is shown (events before the cutoff, in
 * event-time order) and, for every customer active before the cutoff, what they did afterwards. Customers who
 * first appear after the cutoff are not scored: nobody could have segmented them.
 *
 * @param history the events to replay, sorted by timestamp
 * @param customers every customer with an event before the cutoff, sorted by user id
 * @param laterEvents events in the outcome horizon (not replayed)
 */
public record Holdout(HoldoutWindow window, List<UserEvent> history, List<HoldoutCustomer> customers,
    long laterEvents) {
  /** Recency is capped here (as features.recency-cap-days by default), so a customer with no order has a value. */
  public static final double RECENCY_CAP_DAYS = 365.0;

  public Holdout {
    history = List.copyOf(history);
    customers = List.copyOf(customers);
  }

  public static Holdout of(final List<UserEvent> events, final HoldoutWindow window) {
    final List<UserEvent> history = new ArrayList<>();
    final RfmAccumulator before = new RfmAccumulator();
    final Set<String> bought = new HashSet<>();
    final Map<String, Double> futureSpend = new HashMap<>();
    long later = 0;
    for (final UserEvent e : events) {
      if (window.isHistory(e.getTimestamp())) {
        history.add(e);
        before.add(e);
      } else if (window.isOutcome(e.getTimestamp())) {
        later++;
        if (e.getType() == EventType.PURCHASE) {
          bought.add(e.getUserId());
          futureSpend.merge(e.getUserId(), RfmAccumulator.value(e), Double::sum);
        }
      }
    }
    history.sort(Comparator.comparing(UserEvent::getTimestamp));
    final List<HoldoutCustomer> customers = new ArrayList<>();
    for (final CustomerRfm c : before.customers(window.cutoff())) {
      customers.add(new HoldoutCustomer(c.userId(), Math.min(RECENCY_CAP_DAYS, c.recencyDays()), c.orders(), c.spend(),
          bought.contains(c.userId()), futureSpend.getOrDefault(c.userId(), 0.0)));
    }
    for (final String id : before.withoutOrders()) {
      customers.add(new HoldoutCustomer(id, RECENCY_CAP_DAYS, 0, 0.0, bought.contains(id), futureSpend.getOrDefault(id, 0.0)));
    }
    customers.sort(Comparator.comparing(HoldoutCustomer::userId));
    return new Holdout(window, history, customers, later);
  }

  /** Only these customers (e.g. the ones the system assigned), in the same order. */
  public Holdout restrictedTo(final Set<String> userIds) {
    return new Holdout(window, history, customers.stream().filter(c -> userIds.contains(c.userId())).toList(), laterEvents);
  }

  public boolean[] repurchased() {
    final boolean[] y = new boolean[customers.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = customers.get(i).repurchased();
    }
    return y;
  }

  public double[] logFutureSpend() {
    return customers.stream().mapToDouble(HoldoutCustomer::logFutureSpend).toArray();
  }

  public double repurchaseRate() {
    return customers.isEmpty() ? Double.NaN
        : customers.stream().filter(HoldoutCustomer::repurchased).count() / (double) customers.size();
  }
}
