package io.segstream.core.features;

import java.util.function.ToDoubleFunction;

/**
 * One per-user feature: how it is computed from a {@link ProfileView}, how it is transformed before
 * standardisation, and the words used for it in labels, explanations, the API and the README.
 *
 * @param unit unit of the value in original terms (days, orders, currency, share...)
 * @param clustering whether the segment model uses it; descriptive features are reported only
 * @param high how to say a segment has a lot of it ("spend a lot")
 * @param low how to say a segment has little of it ("spend little")
 */
public record FeatureDef(String name, String unit, String description, Transform transform, boolean clustering,
    String high, String low, ToDoubleFunction<ProfileView> value) {

  public double raw(final ProfileView view) {
    final double v = value.applyAsDouble(view);
    return Double.isFinite(v) ? v : 0.0;
  }
}
