package io.segstream.generator;

import io.segstream.avro.LineItem;
import io.segstream.avro.UserEvent;
import java.util.HashMap;
import java.util.Map;

/** Test-side tally of one user's generated events: the behaviour features the personas must differ in. */
final class UserActivity {
  long events;
  long sessions;
  long views;
  long cartAdds;
  long cartRemoves;
  long purchases;
  long returns;
  long reviews;
  long ratingSum;
  double revenue;
  long lines;
  long discountedLines;
  long cartSessions;
  long cartSessionsWithoutOrder;
  long firstEvent = Long.MAX_VALUE;
  long lastEvent = Long.MIN_VALUE;
  long lastPurchase = Long.MIN_VALUE;

  private String session = "";
  private boolean sessionCarted;
  private boolean sessionBought;

  void add(final UserEvent e) {
    final long t = e.getTimestamp().toEpochMilli();
    events++;
    firstEvent = Math.min(firstEvent, t);
    lastEvent = Math.max(lastEvent, t);
    if (!session.equals(e.getSessionId())) {
      closeSession();
      session = e.getSessionId();
      sessions++;
    }
    switch (e.getType()) {
      case PAGE_VIEW -> views++;
      case ADD_TO_CART -> {
        cartAdds++;
        sessionCarted = true;
      }
      case REMOVE_FROM_CART -> cartRemoves++;
      case PURCHASE -> {
        purchases++;
        sessionBought = true;
        lastPurchase = t;
        for (final LineItem li : e.getItems()) {
          lines++;
          revenue += li.getProduct().getPrice() * li.getQuantity() * (1 - li.getDiscount());
          if (li.getDiscount() > 0) {
            discountedLines++;
          }
        }
      }
      case RETURN -> returns++;
      case REVIEW -> {
        reviews++;
        ratingSum += e.getReview().getRating();
      }
      default -> { }
    }
  }

  /** Call once after the last event. */
  UserActivity finish() {
    closeSession();
    return this;
  }

  private void closeSession() {
    if (sessionCarted) {
      cartSessions++;
      if (!sessionBought) {
        cartSessionsWithoutOrder++;
      }
    }
    sessionCarted = false;
    sessionBought = false;
  }

  double conversion() {
    return sessions == 0 ? 0 : purchases / (double) sessions;
  }

  double averageOrderValue() {
    return purchases == 0 ? 0 : revenue / purchases;
  }

  double discountShare() {
    return lines == 0 ? 0 : discountedLines / (double) lines;
  }

  double viewsPerSession() {
    return sessions == 0 ? 0 : views / (double) sessions;
  }

  double abandonment() {
    return cartSessions == 0 ? 0 : cartSessionsWithoutOrder / (double) cartSessions;
  }

  static Map<String, UserActivity> tally(final Iterable<UserEvent> events) {
    final Map<String, UserActivity> byUser = new HashMap<>();
    for (final UserEvent e : events) {
      byUser.computeIfAbsent(e.getUserId(), k -> new UserActivity()).add(e);
    }
    byUser.values().forEach(UserActivity::finish);
    return byUser;
  }
}
