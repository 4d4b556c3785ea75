package io.segstream.generator;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one visit of one user as a burst of events seconds to minutes apart: perhaps a return or a review of
 * something bought earlier, then browsing, cart adds (and, for price comparers, removals), and an order or an
 * abandoned cart. Timestamps are simulated time; the simulator re-stamps them in the live phase.
 */
final class SessionWriter {
  /** Spread of the price level a user looks at around their own (product to product). */
  private static final double PRICE_JITTER = 0.12;

  private final ShopCatalog catalog;
  private final long seed;

  SessionWriter(final ShopCatalog catalog, final long seed) {
    this.catalog = catalog;
    this.seed = seed;
  }

  private enum Intent { BUY, ABANDON, BROWSE }

  /** Fills the user's session buffer with the visit starting at {@code start}. */
  void write(final SimUser user, final long start) {
    final SplittableRandom rng = user.rng;
    final int phaseIndex = user.phaseIndexAt(start);
    final UserTraits traits = user.phase(phaseIndex).traits();
    final Session s = new Session(user, user.startSession(), start);

    // People often come back because of an earlier order: send something back, or say what they think of it.
    if (rng.nextDouble() < traits.returnProbability()) {
      user.returnable(s.time).ifPresent(line -> {
        line.returned = true;
        s.emit(EventType.RETURN, null, List.of(line.toAvro()), line.orderId, null);
        s.time += between(rng, 30, 150);
      });
    }
    if (rng.nextDouble() < traits.reviewProbability()) {
      user.reviewable(s.time).ifPresent(line -> {
        line.reviewed = true;
        final WrittenReview review = ReviewTexts.write(traits.reviewTopics().pick(rng), line.product, rng);
        s.emit(EventType.PAGE_VIEW, line.product.toAvro(), List.of(), null, null);
        s.time += between(rng, 60, 300); // writing takes a while
        s.emit(EventType.REVIEW, line.product.toAvro(), List.of(), null, review.toAvro());
        s.time += dwell(rng);
      });
    }

    final Intent intent;
    if (user.mayOrder(phaseIndex, traits.maxOrders()) && rng.nextDouble() < traits.buyProbability()) {
      intent = Intent.BUY;
    } else if (rng.nextDouble() < traits.abandonProbability()) {
      intent = Intent.ABANDON;
    } else {
      intent = Intent.BROWSE;
    }
    final int keep = switch (intent) {
      case BUY -> 1 + poisson(traits.itemsPerOrder() - 1, rng);
      case ABANDON -> 1 + poisson(0.3, rng);
      case BROWSE -> 0;
    };
    final int comparisons = intent == Intent.BROWSE ? 0 : poisson(traits.comparisonAdds(), rng);
    int addsLeft = keep + comparisons;
    int viewsLeft = Math.max(1 + poisson(traits.viewsPerSession() - 1, rng), addsLeft);

    final List<CatalogProduct> cart = new ArrayList<>(addsLeft);
    while (viewsLeft > 0) {
      final CatalogProduct product = browse(traits, rng);
      s.emit(EventType.PAGE_VIEW, product.toAvro(), List.of(), null, null);
      s.time += dwell(rng);
      // Spread the cart adds over the visit: add after this view with probability adds-left / views-left.
      if (addsLeft > 0 && rng.nextInt(viewsLeft) < addsLeft) {
        s.emit(EventType.ADD_TO_CART, product.toAvro(), List.of(), null, null);
        cart.add(product);
        addsLeft--;
        s.time += between(rng, 3, 25);
      }
      viewsLeft--;
    }
    // Price comparison settles at the cart page: the losing alternatives come out again.
    for (int i = 0; i < comparisons && !cart.isEmpty(); i++) {
      final CatalogProduct removed = cart.remove(rng.nextInt(cart.size()));
      s.emit(EventType.REMOVE_FROM_CART, removed.toAvro(), List.of(), null, null);
      s.time += between(rng, 4, 40);
    }
    if (intent == Intent.BUY && !cart.isEmpty()) {
      s.time += between(rng, 30, 180); // checkout
      order(user, traits, cart, s, rng);
    }
    // ABANDON: the cart simply stays behind when the visit ends.
  }

  private void order(final SimUser user, final UserTraits traits, final List<CatalogProduct> cart, final Session s,
      final SplittableRandom rng) {
    final String orderId = "o" + user.id.substring(1) + "-" + user.nextOrderNumber();
    final List<OwnedLine> lines = new ArrayList<>(cart.size());
    final List<LineItem> items = new ArrayList<>(cart.size());
    for (final CatalogProduct p : cart) {
      final double discount = rng.nextDouble() < traits.discountedShare()
          ? Math.round(traits.discount().sample(rng) * 20) / 20.0 // shops discount in 5% steps
          : 0.0;
      final OwnedLine line = new OwnedLine(p, quantity(p, rng), discount, orderId, s.time, false);
      lines.add(line);
      items.add(line.toAvro());
    }
    s.emit(EventType.PURCHASE, null, items, orderId, null);
    user.recordOrder(lines);
  }

  /** Something the user bought before the simulated history began (only reviews can refer to it). */
  OwnedLine pastPurchase(final SimUser user, final UserTraits traits, final long boughtAt) {
    final CatalogProduct p = browse(traits, user.rng);
    return new OwnedLine(p, 1, 0.0, "o" + user.id.substring(1) + "-0", boughtAt, true);
  }

  private CatalogProduct browse(final UserTraits traits, final SplittableRandom rng) {
    return catalog.atPriceQuantile(traits.taste().pick(rng), traits.priceQuantile() + PRICE_JITTER * rng.nextGaussian());
  }

  private static int quantity(final CatalogProduct p, final SplittableRandom rng) {
    // Consumables are bought several at a time; durable goods almost always one.
    if (p.category() == Category.GROCERY || p.category() == Category.BEAUTY) {
      return 1 + poisson(0.6, rng);
    }
    return rng.nextDouble() < 0.04 ? 2 : 1;
  }

  /** Time on a product page: log-normal, median 25 s, from a glance to several minutes. */
  private static long dwell(final SplittableRandom rng) {
    final double seconds = 25 * Math.exp(0.9 * rng.nextGaussian());
    return (long) (Math.clamp(seconds, 2, 480) * Durations.SECOND);
  }

  private static long between(final SplittableRandom rng, final int minSeconds, final int maxSeconds) {
    return minSeconds * Durations.SECOND + rng.nextLong((maxSeconds - minSeconds) * Durations.SECOND + 1);
  }

  /** Knuth's method; the means here are small. */
  static int poisson(final double mean, final SplittableRandom rng) {
    if (mean <= 0) {
      return 0;
    }
    final double limit = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  /** The visit being written: its buffer, id and running clock. */
  private final class Session {
    private final SimUser user;
    private final List<UserEvent> events;
    private final String sessionId;
    long time;

    Session(final SimUser user, final List<UserEvent> events, final long start) {
      this.user = user;
      this.events = events;
      this.sessionId = user.id + "-s" + user.sessionNumber();
      this.time = start;
    }

    void emit(final EventType type, final Product product, final List<LineItem> items, final String orderId,
        final Review review) {
      // Builders rather than all-args constructors: fields added to the schema later get their defaults.
      events.add(UserEvent.newBuilder()
          .setUserId(user.id)
          .setType(type)
          .setTimestamp(Instant.ofEpochMilli(time))
          .setEventId(EventIds.of(seed, user.index, user.nextEventNumber()))
          .setSessionId(sessionId)
          .setProduct(product)
          .setItems(items)
          .setOrderId(orderId)
          .setReview(review)
          .build());
    }
  }
}
