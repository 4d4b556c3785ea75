package io.segstream.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  private final FeatureRegistry registry = FeatureRegistry.standard(FeatureSettings.defaults());
  private final List<String> names = registry.clusteringNames();

  private double[] z(final Object... nameValue) {
    final double[] v = new double[names.size()];
    for (int i = 0; i < nameValue.length; i += 2) {
      v[names.indexOf((String) nameValue[i])] = ((Number) nameValue[i + 1]).doubleValue();
    }
    return v;
  }

  /** Identity scaling except avg_order_value: mean log1p(50), scale 1. */
  private Segmentation model() {
    final double[] mean = new double[names.size()];
    mean[names.indexOf("avg_order_value")] = Math.log1p(50);
    final double[] scale = new double[names.size()];
    Arrays.fill(scale, 1.0);
    return new Segmentation("m", 4, 1, registry.featureSetId(), names, new Scaler(mean, scale), List.of(
        new Segment(1, "Big baskets", "", z("avg_order_value", 1.5), 10, 0, 1),
        new Segment(2, "Bargain hunters", "", z("discount_share", 2.0), 10, 0, 1),
        new Segment(3, "Typical customers", "", z(), 10, 0, 1)), 1, 10, Instant.EPOCH, 4, Map.of());
  }

  @Test
  void explainsDistancesMarginAndTheFeaturesThatPull() {
    final Segmentation m = model();
    // A user with large orders (z 1.4 on avg_order_value) and a little discount use (z 0.3).
    final double[] raw = m.scaler().inverse(z("avg_order_value", 1.4, "discount_share", 0.3));
    final Explanation e = new Explainer(registry).explain(m, raw, 1);
    assertThat(e.label()).isEqualTo("Big baskets");
    assertThat(e.distance()).isCloseTo(Math.sqrt(0.01 + 0.09), within(1e-9));
    assertThat(e.runnerUpId()).isEqualTo(3);
    assertThat(e.runnerUpDistance()).isCloseTo(Math.sqrt(1.96 + 0.09), within(1e-9));
    assertThat(e.margin()).isCloseTo(e.runnerUpDistance() - e.distance(), within(1e-12));
    assertThat(e.distances()).extracting(Explanation.Distance::segmentId).containsExactly(1, 3, 2);
    // Only avg_order_value pulls towards Big baskets rather than Typical customers.
    assertThat(e.reasons()).singleElement().satisfies(r -> {
      assertThat(r.feature()).isEqualTo("avg_order_value");
      assertThat(r.contribution()).isCloseTo(1.96 - 0.01, within(1e-9));
      assertThat(r.typical()).isCloseTo(50, within(1e-9));
      assertThat(r.text()).startsWith("place large orders (").contains("vs 50.00 typical").contains("× as much");
    });
  }

  @Test
  void aUserKeptInASegmentByHysteresisIsExplainedAgainstTheNearerOne() {
    final Segmentation m = model();
    final double[] raw = m.scaler().inverse(z("avg_order_value", 0.6));
    final Explanation e = new Explainer(registry).explain(m, raw, 1);
    assertThat(e.segmentId()).isEqualTo(1);
    assertThat(e.runnerUpId()).isEqualTo(3);
    assertThat(e.margin()).isNegative(); // the other centre is nearer; hysteresis keeps the user
  }
}
