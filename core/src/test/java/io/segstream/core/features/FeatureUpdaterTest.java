package io.segstream.core.features;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureUpdaterTest {
  private final FeatureSettings settings = new FeatureSettings(30.0, List.of("home", "books"), 30.0, 365.0);
  private final FeatureRegistry registry = FeatureRegistry.standard(settings);
  private final FeatureUpdater updater = registry.updater(CategoryResolver.shopCategory());

  /** Weight of something this old under a 30-day half-life. */
  private static double decay(final long ageMillis) {
    return Math.pow(2.0, -ageMillis / (30.0 * DAY));
  }

  private Map<String, Double> features(final UserState s, final long now) {
    return registry.describe(s, now);
  }

  @Test
  void anEventOneHalfLifeOldCountsHalf() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.purchase("u", T0, "s1", 100, 1, 0));
    final Map<String, Double> now = features(s, T0);
    final Map<String, Double> later = features(s, T0 + 30 * DAY);
    assertThat(now.get("orders")).isCloseTo(1.0, within(1e-9));
    assertThat(later.get("orders")).isCloseTo(0.5, within(1e-9));
    assertThat(later.get("spend")).isCloseTo(50.0, within(1e-9));
    // Lifetime totals do not decay.
    assertThat(later.get("lifetime_spend")).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void decayIsTheSameWhetherAppliedInStepsOrAtOnce() {
    final UserState a = registry.newUser(T0);
    updater.apply(a, Events.purchase("u", T0, "s1", 10, 1, 0));
    updater.apply(a, Events.purchase("u", T0 + 10 * DAY, "s2", 20, 1, 0));
    updater.apply(a, Events.purchase("u", T0 + 25 * DAY, "s3", 40, 1, 0));
    final double expected = 10 * Math.pow(2, -60.0 / 30) + 20 * Math.pow(2, -50.0 / 30) + 40 * Math.pow(2, -35.0 / 30);
    assertThat(features(a, T0 + 60 * DAY).get("spend")).isCloseTo(expected, within(1e-9));
  }

  @Test
  void lateEventsAreAddedWithTheDecayTheyWouldHaveHad() {
    final UserState inOrder = registry.newUser(T0);
    updater.apply(inOrder, Events.purchase("u", T0, "s1", 10, 1, 0));
    updater.apply(inOrder, Events.purchase("u", T0 + 20 * DAY, "s2", 30, 1, 0));
    final UserState late = registry.newUser(T0);
    updater.apply(late, Events.purchase("u", T0 + 20 * DAY, "s2", 30, 1, 0));
    updater.apply(late, Events.purchase("u", T0, "s1", 10, 1, 0));
    assertThat(features(late, T0 + 40 * DAY).get("spend")).isCloseTo(features(inOrder, T0 + 40 * DAY).get("spend"), within(1e-9));
    assertThat(late.firstSeen()).isEqualTo(T0);
    assertThat(late.lastPurchase()).isEqualTo(T0 + 20 * DAY);
  }

  @Test
  void rfmAndOrderValue() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.purchase("u", T0, "s1", 50, 2, 0));        // 100
    updater.apply(s, Events.purchase("u", T0 + DAY, "s2", 100, 1, 0.5)); // 50, discounted
    final Map<String, Double> f = features(s, T0 + 11 * DAY);
    assertThat(f.get("days_since_purchase")).isCloseTo(10.0, within(1e-9));
    assertThat(f.get("days_since_seen")).isCloseTo(10.0, within(1e-9));
    assertThat(f.get("avg_order_value")).isCloseTo(75.0, within(1e-9));
    assertThat(f.get("lifetime_orders")).isEqualTo(2.0);
    assertThat(f.get("discount_share")).isCloseTo(1 / (1 + decay(DAY)), within(1e-12));
    assertThat(f.get("conversion")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void neverBoughtCountsAsTheRecencyCap() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.view("u", T0, "s1", "home"));
    assertThat(features(s, T0 + DAY).get("days_since_purchase")).isEqualTo(365.0);
    assertThat(features(s, T0 + DAY).get("avg_order_value")).isEqualTo(0.0);
  }

  @Test
  void cartAbandonmentCountsSessionsThatCartedButDidNotBuy() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.cartAdd("u", T0, "a"));                      // session a: carted, no order
    updater.apply(s, Events.cartAdd("u", T0 + 1000, "b"));               // closes a (abandoned)
    updater.apply(s, Events.purchase("u", T0 + 2000, "b", 10, 1, 0));    // session b bought
    updater.apply(s, Events.view("u", T0 + 3000, "c", "home"));          // closes b (not abandoned)
    final Map<String, Double> f = features(s, T0 + 3000);
    assertThat(f.get("cart_abandonment")).isCloseTo(0.5, within(1e-6));
    assertThat(f.get("sessions")).isCloseTo(decay(3000) + decay(2000) + 1, within(1e-12));
  }

  @Test
  void sessionsWithoutIdsAreSplitByInactivity() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.base("u", T0, null, io.segstream.avro.EventType.PAGE_VIEW).build());
    updater.apply(s, Events.base("u", T0 + 10 * 60_000, null, io.segstream.avro.EventType.PAGE_VIEW).build());
    updater.apply(s, Events.base("u", T0 + 60 * 60_000, null, io.segstream.avro.EventType.PAGE_VIEW).build());
    assertThat(features(s, T0 + 60 * 60_000).get("sessions")).isCloseTo(decay(60 * 60_000) + 1, within(1e-12));
  }

  @Test
  void categoryAffinityIsTheShareOfActivity() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.view("u", T0, "s", "home"));
    updater.apply(s, Events.view("u", T0, "s", "HOME"));
    updater.apply(s, Events.view("u", T0, "s", "books"));
    updater.apply(s, Events.view("u", T0, "s", "garden")); // untracked: other
    final Map<String, Double> f = features(s, T0);
    assertThat(f.get("category_share_home")).isCloseTo(0.5, within(1e-9));
    assertThat(f.get("category_share_other")).isCloseTo(0.25, within(1e-9));
    assertThat(f.get("category_focus")).isCloseTo(0.5, within(1e-9));
    assertThat(registry.topCategory(s, T0)).contains("home");
  }

  @Test
  void ratingsAreShrunkTowardsThreeAndTextSignalsAveraged() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.review("u", T0, 5, Map.of("sentiment", 0.8, "delivery", 0.1)));
    updater.apply(s, Events.review("u", T0, 5, Map.of("sentiment", 0.4, "delivery", 0.3)));
    final Map<String, Double> f = features(s, T0);
    assertThat(f.get("mean_rating")).isCloseTo((10 + 6) / 4.0, within(1e-9));
    assertThat(f.get("review_sentiment")).isCloseTo(0.6, within(1e-9));
    assertThat(f.get("delivery_complaints")).isCloseTo(0.2, within(1e-9));
    assertThat(f.get("reviews")).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void reviewSignalsFeedTheTextFeaturesOnlyAndAreNotActivity() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.review("u", T0, 2, null));
    final io.segstream.avro.UserEvent signals = io.segstream.avro.UserEvent.newBuilder(Events.review("u", T0, 2,
        Map.of("sentiment", -0.6, "delivery", 0.9, "quality", 0.1, "price", 0.0)))
        .setType(io.segstream.avro.EventType.REVIEW_SIGNALS).setSessionId(null).build();
    updater.apply(s, signals);
    final Map<String, Double> f = features(s, T0 + 1000);
    assertThat(f.get("reviews")).isCloseTo(1.0, within(1e-6));
    assertThat(f.get("mean_rating")).isCloseTo((2 + 6) / 3.0, within(1e-6));
    assertThat(f.get("review_sentiment")).isCloseTo(-0.6, within(1e-9));
    assertThat(f.get("delivery_complaints")).isCloseTo(0.9, within(1e-9));
    assertThat(f.get("sessions")).isCloseTo(1.0, within(1e-6));
    assertThat(f.get("category_share_home")).isEqualTo(1.0);
  }

  @Test
  void vectorsAreTransformedClusteringFeaturesInRegistryOrder() {
    final UserState s = registry.newUser(T0);
    updater.apply(s, Events.purchase("u", T0, "s1", 99, 1, 0));
    final double[] v = registry.vector(s, T0);
    assertThat(v).hasSize(registry.dimension());
    final int spend = registry.clusteringNames().indexOf("spend");
    assertThat(v[spend]).isCloseTo(Math.log1p(99), within(1e-9));
  }

  @Test
  void featureSetChangesWithWhatVectorsMean() {
    final FeatureRegistry other = FeatureRegistry.standard(new FeatureSettings(7.0, List.of("home", "books"), 30, 365));
    assertThat(other.featureSetId()).isNotEqualTo(registry.featureSetId());
    assertThat(FeatureRegistry.standard(settings).featureSetId()).isEqualTo(registry.featureSetId());
  }
}
