package io.segstream.core.features;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import java.util.List;
import java.util.Map;

/**
 * Folds one event into a user's state in O(1): works out the event's facts (sessions, order value,
 * categories), brings the decayed counters forward to the event's time and adds each counter's
 * contribution. Events arriving out of order are added with the decay they would have had by now.
 */
public final class FeatureUpdater {
  private static final Counter[] COUNTERS = Counter.values();

  private final SlotLayout layout;
  private final double halfLifeMs;
  private final long sessionGapMs;
  private final CategoryResolver categories;

  public FeatureUpdater(final SlotLayout layout, final FeatureSettings settings, final CategoryResolver categories) {
    this.layout = layout;
    this.halfLifeMs = settings.halfLifeDays() * 86_400_000.0;
    this.sessionGapMs = (long) (settings.sessionGapMinutes() * 60_000.0);
    this.categories = categories;
  }

  public void apply(final UserState state, final UserEvent event) {
    final long t = event.getTimestamp().toEpochMilli();
    // Signals of an earlier review are derived data, not activity: no session, no "last seen".
    final boolean derived = event.getType() == EventType.REVIEW_SIGNALS;
    final EventFacts facts = derived ? derivedFacts(event, t) : facts(state, event, t);

    final double[] slots = state.slots();
    final double weight;
    if (t >= state.decayedAt()) {
      final double factor = Math.pow(2.0, -(t - state.decayedAt()) / halfLifeMs);
      if (factor < 1.0) {
        for (int i = 0; i < slots.length; i++) {
          if (layout.isDecayed(i)) {
            slots[i] *= factor;
          }
        }
      }
      state.decayedTo(t);
      weight = 1.0;
    } else {
      weight = Math.pow(2.0, -(state.decayedAt() - t) / halfLifeMs);
    }

    for (final Counter c : COUNTERS) {
      final double amount = c.contribution(facts);
      if (amount != 0.0) {
        slots[layout.slot(c)] += c.kind() == Counter.Kind.DECAYED ? amount * weight : amount;
      }
    }
    final double[] activity = facts.categoryActivity();
    for (int i = 0; i < activity.length; i++) {
      if (activity[i] != 0.0) {
        slots[layout.categorySlot(i)] += activity[i] * weight;
      }
    }

    if (event.getType() == EventType.PURCHASE) {
      state.purchased(t);
    }
    if (!derived) {
      state.seen(t);
    }
  }

  private EventFacts derivedFacts(final UserEvent event, final long t) {
    return new EventFacts(event.getType(), t, false, false, false, 0, 0, 0, 0, 0, 0, signals(event.getReview()),
        new double[layout.categories().size()]);
  }

  private EventFacts facts(final UserState state, final UserEvent event, final long t) {
    // Sessions: the shop's session id when it sends one, otherwise a gap of inactivity starts a new one. A return
    // is after-sales, not a visit to shop: it neither opens nor closes a session. Counted as a visit it made every
    // return a session without an order, so in a shop that sends only orders and returns "conversion" became a
    // second return rate, and returns weighed twice in every distance.
    final String sessionId = event.getSessionId();
    final boolean firstEvent = state.sessionKey() == 0L; // session keys are never 0 once set
    final long key;
    if (event.getType() == EventType.RETURN) {
      key = state.sessionKey();
    } else if (sessionId != null && !sessionId.isEmpty()) {
      key = sessionHash(sessionId);
    } else if (firstEvent || t - state.lastSeen() > sessionGapMs) {
      key = t | 1L; // never 0, which marks "no session yet"
    } else {
      key = state.sessionKey();
    }
    final boolean newSession = event.getType() != EventType.RETURN && (firstEvent || key != state.sessionKey());
    final int previousFlags = state.sessionFlags();
    final boolean closedHadCart = newSession && (previousFlags & UserState.SESSION_CARTED) != 0;
    final boolean closedAbandoned = closedHadCart && (previousFlags & UserState.SESSION_BOUGHT) == 0;
    int flags = newSession ? 0 : previousFlags;
    if (event.getType() == EventType.ADD_TO_CART) {
      flags |= UserState.SESSION_CARTED;
    } else if (event.getType() == EventType.PURCHASE) {
      flags |= UserState.SESSION_BOUGHT;
    }
    state.session(key, flags);

    final double[] activity = new double[layout.categories().size()];
    double value = 0;
    int items = 0;
    int discounted = 0;
    int returned = 0;
    double returnValue = 0;
    switch (event.getType()) {
      case PURCHASE -> {
        for (final LineItem li : event.getItems()) {
          value += lineValue(li);
          items++;
          if (li.getDiscount() > 0.0) {
            discounted++;
          }
          activity[categoryIndex(li.getProduct())] += 1.0;
        }
      }
      case RETURN -> {
        for (final LineItem li : event.getItems()) {
          returnValue += lineValue(li);
          returned++;
        }
      }
      case PAGE_VIEW, ADD_TO_CART, REVIEW -> {
        if (event.getProduct() != null) {
          activity[categoryIndex(event.getProduct())] += 1.0;
        }
      }
      default -> { }
    }
    final Review review = event.getReview();
    final int rating = review != null && review.getRating() != null ? review.getRating() : 0;
    return new EventFacts(event.getType(), t, newSession, closedHadCart, closedAbandoned, value, items, discounted,
        returned, returnValue, rating, signals(review), activity);
  }

  private int categoryIndex(final Product p) {
    return layout.categoryIndex(categories.categoryOf(p));
  }

  private static double lineValue(final LineItem li) {
    return li.getQuantity() * li.getProduct().getPrice() * (1.0 - li.getDiscount());
  }

  private static long sessionHash(final String sessionId) {
    long h = 1125899906842597L;
    for (int i = 0; i < sessionId.length(); i++) {
      h = 31 * h + sessionId.charAt(i);
    }
    return h == 0 ? 1 : h;
  }

  private static EventFacts.ReviewSignals signals(final Review review) {
    if (review == null || review.getSignals() == null) {
      return EventFacts.ReviewSignals.NONE;
    }
    final Map<String, Double> s = review.getSignals();
    return new EventFacts.ReviewSignals(true, get(s, "sentiment"), get(s, "delivery"), get(s, "quality"), get(s, "price"));
  }

  private static double get(final Map<String, Double> m, final String k) {
    final Double v = m.get(k);
    return v == null || !Double.isFinite(v) ? 0.0 : v;
  }

  /** Used by tests and the explain endpoint: the categories this updater tracks. */
  public List<String> categories() {
    return layout.categories();
  }
}
