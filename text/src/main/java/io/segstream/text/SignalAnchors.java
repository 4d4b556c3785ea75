package io.segstream.text;

import java.util.List;

/**
 * Short example sentences that define each review signal: what a positive, a neutral and a negative review
 * sound like, and what complaints about delivery, quality and price sound like. Several per class, in
 * plain words and not tied to one product, so that similarity to the class does not hinge on one phrasing.
 */
public record SignalAnchors(List<String> positive, List<String> neutral, List<String> negative,
    List<String> delivery, List<String> quality, List<String> price) {

  public SignalAnchors {
    positive = nonEmpty("positive", positive);
    neutral = nonEmpty("neutral", neutral);
    negative = nonEmpty("negative", negative);
    delivery = nonEmpty("delivery", delivery);
    quality = nonEmpty("quality", quality);
    price = nonEmpty("price", price);
  }

  private static List<String> nonEmpty(final String name, final List<String> sentences) {
    final List<String> kept = sentences.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("the " + name + " anchors need at least one sentence");
    }
    return kept;
  }

  /**
   * The defaults. Praise of speed and price sits under positive on purpose: "great value" and "arrived
   * fast" must pull away from the price and delivery complaints, which share their vocabulary.
   */
  public static SignalAnchors defaults() {
    return new SignalAnchors(
        List.of("I love this product, it is excellent.", "Great quality and it works perfectly.",
            "Very happy with my purchase, highly recommended.", "Good value for money, well worth the price.",
            "It arrived quickly and was well packed.", "Five stars, I would buy it again."),
        List.of("It is okay, nothing special.", "An average product that does the job.",
            "Some good points and some bad points.", "Three stars, it is fine I suppose."),
        List.of("Terrible, I am very disappointed.", "I regret buying this and I want a refund.",
            "One star, an awful experience.", "I would not recommend it to anyone."),
        List.of("The delivery was very late.", "The parcel was damaged during shipping.",
            "My order never arrived.", "Shipping took weeks and the courier lost the package."),
        List.of("Poor quality, it broke after a few days.", "Cheaply made, it fell apart.",
            "The product is defective and stopped working.", "The material feels flimsy and badly finished."),
        List.of("Far too expensive for what it is.", "Overpriced and not worth the money.",
            "It costs much more than in other shops.", "I paid too much for this."));
  }
}
