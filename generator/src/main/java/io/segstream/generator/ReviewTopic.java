package io.segstream.generator;

import java.util.random.RandomGenerator;

/** What a review is about; fixes its star rating band so text and stars never contradict each other. */
public enum ReviewTopic {
  PRAISE(Aspect.NONE, 4, 5, 0.65),
  GOOD_VALUE(Aspect.PRICE, 4, 5, 0.45),
  MIXED(Aspect.NONE, 3, 3, 0),
  OVERPRICED(Aspect.PRICE, 2, 3, 0.4),
  DELIVERY_LATE(Aspect.DELIVERY, 1, 3, 0.2),
  DAMAGED_IN_TRANSIT(Aspect.DELIVERY, 1, 2, 0.4),
  NEVER_ARRIVED(Aspect.DELIVERY, 1, 1, 0),
  POOR_QUALITY(Aspect.QUALITY, 1, 2, 0.35);

  /** The complaint (or praise) dimension a text model is expected to recover. */
  public enum Aspect { NONE, DELIVERY, QUALITY, PRICE }

  private final Aspect aspect;
  private final int minStars;
  private final int maxStars;
  private final double topShare;

  /** @param topShare probability of the band's highest rating, the rest spread evenly below */
  ReviewTopic(final Aspect aspect, final int minStars, final int maxStars, final double topShare) {
    this.aspect = aspect;
    this.minStars = minStars;
    this.maxStars = maxStars;
    this.topShare = topShare;
  }

  public Aspect aspect() {
    return aspect;
  }

  public int minStars() {
    return minStars;
  }

  public int maxStars() {
    return maxStars;
  }

  public boolean complaint() {
    return maxStars <= 3 && this != MIXED;
  }

  int rating(final RandomGenerator rng) {
    if (minStars == maxStars || rng.nextDouble() < topShare) {
      return maxStars;
    }
    return minStars + rng.nextInt(maxStars - minStars);
  }
}
