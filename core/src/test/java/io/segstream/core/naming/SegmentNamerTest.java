package io.segstream.core.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.model.Scaler;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentNamerTest {
  private final FeatureRegistry registry = FeatureRegistry.standard(FeatureSettings.defaults());
  private final List<String> names = registry.clusteringNames();
  private final SegmentNamer namer = new SegmentNamer(registry);

  private double[] centre(final Object... nameValue) {
    final double[] z = new double[names.size()];
    for (int i = 0; i < nameValue.length; i += 2) {
      z[names.indexOf((String) nameValue[i])] = ((Number) nameValue[i + 1]).doubleValue();
    }
    return z;
  }

  private Scaler scaler() {
    final double[] mean = new double[names.size()];
    final double[] scale = new double[names.size()];
    java.util.Arrays.fill(scale, 1.0);
    mean[names.indexOf("spend")] = Math.log1p(80);
    mean[names.indexOf("discount_share")] = 0.3;
    scale[names.indexOf("discount_share")] = 0.2;
    return new Scaler(mean, scale);
  }

  @Test
  void archetypalCentresGetMarketerLabels() {
    final double[][] centres = {
        centre("spend", 1.5, "orders", 1.4, "avg_order_value", 1.0, "discount_share", -0.8, "days_since_purchase", -1.0),
        centre("discount_share", 2.0, "cart_removes", 1.0, "avg_order_value", -0.8),
        centre("views", 1.5, "conversion", -1.5, "orders", -0.8, "sessions", 0.6),
        centre("days_since_seen", 1.8, "days_since_purchase", 0.6, "sessions", -1.0)};
    final List<SegmentNamer.Name> out = namer.name(names, scaler(), centres, List.of("", "", "", ""));
    assertThat(out).extracting(SegmentNamer.Name::label)
        .containsExactly("Loyal big spenders", "Bargain hunters", "Window shoppers", "Lapsing buyers");
  }

  @Test
  void descriptionsSpeakInOriginalUnits() {
    final double[][] centres = {centre("discount_share", 2.0)};
    final String d = namer.name(names, scaler(), centres, List.of("")).getFirst().description();
    // z = 2 on a share with mean 0.3 and scale 0.2 is 70% against 30% typical.
    assertThat(d).isEqualTo("Buy mostly on discount (70% vs 30% typical).");
  }

  @Test
  void labelsAreUniqueAndANonArchetypalSegmentIsNamedAfterItsStrongestFeature() {
    final double[][] centres = {centre("return_rate", 0.2, "days_since_seen", -0.35), centre()};
    final List<SegmentNamer.Name> out = namer.name(names, scaler(), centres, List.of("", ""));
    assertThat(out.get(0).label()).isEqualTo("Shoppers who were active very recently");
    assertThat(out.get(1).label()).isEqualTo("Typical customers");
    assertThat(out.get(1).description()).isEqualTo("Close to the typical customer on every feature.");
  }

  @Test
  void aPreviousLabelThatNoLongerFitsIsDropped() {
    // Was "Bargain hunters", but the centre no longer uses discounts at all: the bonus must not save it.
    final double[][] centres = {centre("views", 1.5, "conversion", -1.5, "orders", -0.8, "discount_share", -0.2)};
    assertThat(namer.name(names, scaler(), centres, List.of("Bargain hunters")).getFirst().label())
        .isEqualTo("Window shoppers");
  }

  @Test
  void aSegmentKeepsItsLabelWhileItStillFits() {
    // Fits "Steady regulars" slightly less than "Loyal big spenders" but was called that before.
    final double[][] centres = {centre("orders", 1.0, "conversion", 1.0, "spend", 1.0, "avg_order_value", 0.3,
        "days_since_purchase", -0.5)};
    final String fresh = namer.name(names, scaler(), centres, List.of("")).getFirst().label();
    final String kept = namer.name(names, scaler(), centres, List.of("Steady regulars")).getFirst().label();
    assertThat(fresh).isEqualTo("Loyal big spenders");
    assertThat(kept).isEqualTo("Steady regulars");
  }

  @Test
  void segmentsAboutValueAndRecencyGetTheCellOfTheRfmMap() {
    // z-scores read as quintiles through the normal distribution: z = -1.5 is the 7th percentile, +1.5 the 93rd.
    final double[][] centres = {
        centre("days_since_purchase", -1.5, "lifetime_orders", 1.5, "lifetime_spend", 1.2, "orders", 1.0),
        centre("days_since_purchase", 1.5, "lifetime_orders", 1.5, "lifetime_spend", 1.5, "orders", -0.5),
        centre("days_since_purchase", 0.5, "lifetime_orders", -1.5, "lifetime_spend", -1.0),
        centre("days_since_purchase", -1.5, "lifetime_orders", -1.0, "tenure_days", -1.5),
        centre("days_since_purchase", 1.5, "lifetime_orders", 0.8, "lifetime_spend", 0.5)};
    assertThat(namer.name(names, scaler(), centres, List.of("", "", "", "", ""))).extracting(SegmentNamer.Name::label)
        .containsExactly("Champions", "Can't lose them", "Hibernating", "New customers", "At risk");
  }

  @Test
  void twoSegmentsInOneCellKeepDistinctLabels() {
    final double[][] centres = {centre("days_since_purchase", 1.5, "lifetime_orders", -1.5),
        centre("days_since_purchase", 1.6, "lifetime_orders", -1.6)};
    assertThat(namer.name(names, scaler(), centres, List.of("", ""))).extracting(SegmentNamer.Name::label)
        .containsExactly("Lost", "Lost (2)");
  }
}
