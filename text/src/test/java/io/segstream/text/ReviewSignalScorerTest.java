package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scorer with the real model and the default anchors, on reviews phrased unlike any anchor. */
class ReviewSignalScorerTest {
  private static SentenceEncoder encoder;
  private static ReviewSignalScorer scorer;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled(new SentenceEncoder.Options(16, 1));
    scorer = new ReviewSignalScorer(encoder, SignalAnchors.defaults(), 30);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static ReviewSignals score(final String text) {
    return scorer.score(List.of(text)).getFirst();
  }

  @Test
  void eachComplaintIsRecognisedAsItsOwnAndAsNegative() {
    final ReviewSignals late = score("Took three weeks to get here and the tracking never updated.");
    final ReviewSignals broke = score("The zip snapped the second time I used it, shoddy stitching everywhere.");
    final ReviewSignals dear = score("Way too pricey, I found it for half the cost at another store.");
    assertThat(late.delivery()).isGreaterThan(0.5).isGreaterThan(late.quality()).isGreaterThan(late.price());
    assertThat(broke.quality()).isGreaterThan(0.5).isGreaterThan(broke.delivery()).isGreaterThan(broke.price());
    assertThat(dear.price()).isGreaterThan(0.5).isGreaterThan(dear.delivery()).isGreaterThan(dear.quality());
    assertThat(List.of(late, broke, dear)).allMatch(s -> s.sentiment() < -0.5);
  }

  @Test
  void sentimentOrdersPraiseAboveIndifferenceAboveAnger() {
    final List<ReviewSignals> s = scorer.score(List.of(
        "Absolutely wonderful, my daughter adores it and uses it every day.",
        "It's alright. Does what it says, nothing more.",
        "Rubbish. Complete waste, avoid this seller."));
    assertThat(s.get(0).sentiment()).isGreaterThan(0.5);
    assertThat(s.get(1).sentiment()).isBetween(-0.5, 0.5);
    assertThat(s.get(2).sentiment()).isLessThan(-0.5);
    assertThat(s.get(0).delivery() + s.get(0).quality() + s.get(0).price()).isLessThan(0.2);
  }

  @Test
  void praiseOfSpeedIsNotADeliveryComplaint() {
    // (Comparisons are the model's weak spot: "cheaper than anywhere else" reads as a price complaint; see docs/text.md.)
    final ReviewSignals fast = score("Came the very next morning, super quick shipping!");
    assertThat(fast.delivery()).isLessThan(0.5);
    assertThat(fast.sentiment()).isPositive();
  }
}
