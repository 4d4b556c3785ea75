package io.segstream.core.features;

import java.util.List;

/** What shapes the per-user features: decay, tracked categories, sessions, recency cap. */
public record FeatureSettings(double halfLifeDays, List<String> categories, double sessionGapMinutes, double recencyCapDays) {
  public FeatureSettings {
    categories = List.copyOf(categories);
    if (halfLifeDays <= 0 || sessionGapMinutes <= 0 || recencyCapDays <= 0) {
      throw new IllegalArgumentException("half-life, session gap and recency cap must be positive");
    }
  }

  public static FeatureSettings defaults() {
    return new FeatureSettings(90.0, io.segstream.core.config.ConfigKeys.DEFAULT_CATEGORIES, 30.0, 365.0);
  }
}
