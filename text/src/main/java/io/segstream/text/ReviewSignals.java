package io.segstream.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a review says, as numbers: sentiment in [-1, 1] and, each in [0, 1], how much it complains about
 * delivery, quality and price. The map keys are the ones the feature counters read from
 * {@code Review.signals}.
 */
public record ReviewSignals(double sentiment, double delivery, double quality, double price) {
  public static final String SENTIMENT = "sentiment";
  public static final String DELIVERY = "delivery";
  public static final String QUALITY = "quality";
  public static final String PRICE = "price";

  public ReviewSignals {
    if (!(sentiment >= -1 && sentiment <= 1) || !unit(delivery) || !unit(quality) || !unit(price)) {
      throw new IllegalArgumentException("signals out of range: " + sentiment + ", " + delivery + ", " + quality
          + ", " + price);
    }
  }

  private static boolean unit(final double x) {
    return x >= 0 && x <= 1;
  }

  public Map<String, Double> asMap() {
    final Map<String, Double> m = new LinkedHashMap<>();
    m.put(SENTIMENT, sentiment);
    m.put(DELIVERY, delivery);
    m.put(QUALITY, quality);
    m.put(PRICE, price);
    return m;
  }
}
