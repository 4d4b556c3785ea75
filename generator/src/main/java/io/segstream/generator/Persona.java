package io.segstream.generator;

import static io.segstream.generator.Category.BEAUTY;
import static io.segstream.generator.Category.BOOKS;
import static io.segstream.generator.Category.ELECTRONICS;
import static io.segstream.generator.Category.FASHION;
import static io.segstream.generator.Category.GROCERY;
import static io.segstream.generator.Category.HOME;
import static io.segstream.generator.Category.SPORTS;
import static io.segstream.generator.Category.TOYS;
import static io.segstream.generator.ReviewTopic.DAMAGED_IN_TRANSIT;
import static io.segstream.generator.ReviewTopic.DELIVERY_LATE;
import static io.segstream.generator.ReviewTopic.GOOD_VALUE;
import static io.segstream.generator.ReviewTopic.MIXED;
import static io.segstream.generator.ReviewTopic.NEVER_ARRIVED;
import static io.segstream.generator.ReviewTopic.OVERPRICED;
import static io.segstream.generator.ReviewTopic.POOR_QUALITY;
import static io.segstream.generator.ReviewTopic.PRAISE;

import java.util.Map;
import java.util.Optional;

/**
 * The hidden kinds of shopper the traffic is made of: the ground truth a segmentation should rediscover.
 * Category taste overlaps on purpose (everyone buys some electronics and fashion) so only behaviour, not
 * department, tells personas apart.
 */
public enum Persona {
  LOYAL_BIG_SPENDER("visits every few days, buys most visits, big baskets at full price, happy reviews",
      new PersonaBehaviour.Builder()
          .gapDays(2, 4).views(1.5, 3.5).buy(0.6, 0.85).abandon(0.05, 0.15).items(1.2, 2.0).comparisons(0, 0.3)
          .priceQuantile(0.5, 0.82).discounted(0, 0.1).discount(0.05, 0.15)
          .reviews(0.12, 0.25).returns(0.005, 0.02)
          .taste(Map.of(ELECTRONICS, 3.0, HOME, 2.5, FASHION, 2.0, BEAUTY, 1.5, SPORTS, 1.5, BOOKS, 1.0,
              TOYS, 0.7, GROCERY, 0.8))
          .topics(Map.of(PRAISE, 0.75, GOOD_VALUE, 0.08, MIXED, 0.1, DELIVERY_LATE, 0.04, POOR_QUALITY, 0.03))
          .build(),
      Optional.empty(), Optional.empty()),

  BARGAIN_HUNTER("visits often, compares prices in the cart, buys cheap and discounted, returns a fair bit",
      new PersonaBehaviour.Builder()
          .gapDays(2, 3.5).views(1.5, 3.5).buy(0.3, 0.5).abandon(0.25, 0.45).items(1.5, 2.5).comparisons(0.6, 1.4)
          .priceQuantile(0.03, 0.3).discounted(0.7, 0.95).discount(0.2, 0.6)
          .reviews(0.08, 0.18).returns(0.04, 0.1)
          .taste(Map.of(FASHION, 2.5, GROCERY, 2.5, BEAUTY, 2.0, TOYS, 1.5, HOME, 1.5, ELECTRONICS, 1.0,
              SPORTS, 1.0, BOOKS, 0.8))
          .topics(Map.of(GOOD_VALUE, 0.4, OVERPRICED, 0.25, PRAISE, 0.1, MIXED, 0.1, POOR_QUALITY, 0.1,
              DELIVERY_LATE, 0.05))
          .build(),
      Optional.empty(), Optional.empty()),

  WINDOW_SHOPPER("many long browsing visits, sometimes fills a cart and walks away, almost never buys",
      new PersonaBehaviour.Builder()
          .gapDays(3, 6).views(5, 9).buy(0, 0.015).abandon(0.15, 0.35).items(1, 1.3).comparisons(0.2, 0.8)
          .priceQuantile(0.3, 0.8).discounted(0.2, 0.4).discount(0.1, 0.3)
          .reviews(0, 0.02).returns(0, 0.01)
          .taste(Map.of(FASHION, 3.0, ELECTRONICS, 2.5, HOME, 2.0, BEAUTY, 1.5, SPORTS, 1.2, BOOKS, 1.0,
              TOYS, 0.8, GROCERY, 0.3))
          .topics(Map.of(MIXED, 0.4, PRAISE, 0.3, OVERPRICED, 0.3))
          .build(),
      Optional.empty(), Optional.empty()),

  NEW_USER("arrived in the last week, a few short visits, perhaps one small first order",
      new PersonaBehaviour.Builder()
          .gapDays(1, 3).views(2.5, 6).buy(0.1, 0.3).maxOrders(1).abandon(0.1, 0.25).items(1, 1.3)
          .comparisons(0, 0.5).priceQuantile(0.2, 0.5).discounted(0.4, 0.8).discount(0.1, 0.2)
          .reviews(0.05, 0.15).returns(0, 0.02)
          .taste(Map.of(FASHION, 1.5, BEAUTY, 1.5, ELECTRONICS, 1.0, HOME, 1.0, SPORTS, 1.0, BOOKS, 1.0,
              TOYS, 1.0, GROCERY, 1.0))
          .topics(Map.of(PRAISE, 0.45, GOOD_VALUE, 0.15, MIXED, 0.15, DELIVERY_LATE, 0.1, DAMAGED_IN_TRANSIT, 0.05,
              POOR_QUALITY, 0.1))
          .build(),
      Optional.of(Range.of(0, 7)), Optional.empty()),

  LAPSING_BUYER("used to buy regularly, stopped some 45+ days ago; rare visits, returns and complaints",
      new PersonaBehaviour.Builder()
          .gapDays(10, 25).views(1.5, 3.5).abandon(0, 0.05).priceQuantile(0.35, 0.65)
          .reviews(0.25, 0.45).returns(0.1, 0.25)
          .taste(Map.of(HOME, 2.0, SPORTS, 2.0, BOOKS, 2.0, ELECTRONICS, 1.5, FASHION, 1.2, TOYS, 1.2,
              BEAUTY, 1.0, GROCERY, 1.0))
          .topics(Persona.Topics.DISGRUNTLED)
          .build(),
      Optional.empty(),
      Optional.of(new Lapse(Range.of(45, 55), Range.of(100, 130),
          new PersonaBehaviour.Builder()
              .gapDays(2, 4).views(2, 4).buy(0.55, 0.8).abandon(0.05, 0.15).items(1.2, 2.0).comparisons(0, 0.4)
              .priceQuantile(0.35, 0.65).discounted(0.15, 0.35).discount(0.1, 0.3)
              .reviews(0.1, 0.25).returns(0.08, 0.18)
              .taste(Map.of(HOME, 2.0, SPORTS, 2.0, BOOKS, 2.0, ELECTRONICS, 1.5, FASHION, 1.2, TOYS, 1.2,
                  BEAUTY, 1.0, GROCERY, 1.0))
              .topics(Persona.Topics.DISGRUNTLED)
              .build())));

  /**
   * A persona that used to behave differently: it was active with {@code before} from {@code activeSinceDaysAgo}
   * until {@code daysAgo} (both relative to the end of history), and behaves as the persona says since.
   */
  public record Lapse(Range daysAgo, Range activeSinceDaysAgo, PersonaBehaviour before) {}

  /** Shared review mixes (enum constants cannot refer to the enum's own static fields). */
  private static final class Topics {
    // Bad experiences are why they left: delivery and quality complaints dominate.
    static final Map<ReviewTopic, Double> DISGRUNTLED = Map.of(DELIVERY_LATE, 0.18, DAMAGED_IN_TRANSIT, 0.14,
        NEVER_ARRIVED, 0.10, POOR_QUALITY, 0.38, OVERPRICED, 0.05, MIXED, 0.08, PRAISE, 0.07);
  }

  private final String description;
  private final PersonaBehaviour behaviour;
  private final Optional<Range> arrivalDaysAgo;
  private final Optional<Lapse> lapse;

  Persona(final String description, final PersonaBehaviour behaviour, final Optional<Range> arrivalDaysAgo,
      final Optional<Lapse> lapse) {
    this.description = description;
    this.behaviour = behaviour;
    this.arrivalDaysAgo = arrivalDaysAgo;
    this.lapse = lapse;
  }

  public String description() {
    return description;
  }

  /** How users of this persona behave now (for a lapsing buyer: after lapsing). */
  public PersonaBehaviour behaviour() {
    return behaviour;
  }

  /** For personas that are new to the shop: how many days before the end of history they first came. */
  public Optional<Range> arrivalDaysAgo() {
    return arrivalDaysAgo;
  }

  /** For personas whose behaviour changed before the end of history. */
  public Optional<Lapse> lapse() {
    return lapse;
  }
}
