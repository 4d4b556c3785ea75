package io.segstream.updater;

import io.segstream.core.kmeans.TrainingSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings a model version was trained and published with, as it carries them in {@code parameters}: whoever
 * reads a model ({@code GET /v1/model}, a successor updater, an evaluation) sees how it came about without this
 * updater's configuration. Generation and fit details are added by the trainer.
 */
final class ModelParameters {
  private ModelParameters() {}

  static Map<String, String> of(final TrainingSettings settings, final ModelTrainer.PublishPolicy policy,
      final int k) {
    final Map<String, String> p = new LinkedHashMap<>();
    p.put("k", Integer.toString(k));
    p.put("k.setting", settings.autoK() ? "auto(" + settings.kMin() + ".." + settings.kMax() + ")"
        : Integer.toString(settings.k()));
    p.put("decay-factor", Double.toString(settings.decayFactor()));
    p.put("time-unit", settings.timeUnit().name().toLowerCase(Locale.ROOT));
    p.put("batch-size", Integer.toString(settings.batchSize()));
    p.put("bootstrap-vectors", Integer.toString(settings.bootstrapVectors()));
    p.put("reseed-min-share", Double.toString(settings.reseedMinShare()));
    p.put("seed", Long.toString(settings.seed()));
    p.put("publish.min-movement", Double.toString(policy.minMovement()));
    p.put("publish.interval", policy.interval().toString());
    p.put("publish.min-gap", policy.minGap().toString());
    return p;
  }
}
