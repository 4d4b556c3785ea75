package io.segstream.core.fit;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A fit of segstream feature vectors as a publishable {@link Segmentation}: what the model updater would have
 * published after bootstrapping on the same vectors, so it resumes from it and the streams app assigns with it.
 *
 * <p>On an empty model topic it is version 1 of generation 1 with segment ids 0..k-1. If the topic already holds
 * a model of that name, it becomes the next version and starts a new generation, with segment ids from the old
 * model's nextSegmentId on: ids are never reused for a different group.
 */
public final class ModelFromFit {
  private ModelFromFit() {}

  /**
   * @param source where the vectors came from, for the model's parameters (e.g. the file name)
   * @throws IllegalArgumentException if the fit's columns are not the registry's clustering features, or the
   *     vectors say they were computed for another feature set
   */
  public static Segmentation build(final FitResult fit, final Optional<String> vectorsFeatureSet,
      final FeatureRegistry registry, final String modelName, final Optional<Segmentation> previous, final Instant now,
      final String source) {
    requirePublishable(fit.columns(), vectorsFeatureSet, registry);
    final long version = previous.map(p -> p.version() + 1).orElse(1L);
    final int generation = previous.map(p -> p.generation() + 1).orElse(1);
    final int firstId = previous.map(ModelFromFit::firstFreeId).orElse(0);
    final List<Segment> segments = new ArrayList<>();
    int maxId = firstId - 1;
    for (final FittedSegment s : fit.segments()) {
      final int id = firstId + s.id();
      maxId = Math.max(maxId, id);
      segments.add(new Segment(id, s.label(), s.description(), s.standardisedCentroid(), s.weight(), 0.0, version));
    }
    final Map<String, String> p = new LinkedHashMap<>();
    p.put("k", Integer.toString(fit.k()));
    p.put("fit.source", source);
    p.put("fit.mode", fit.training().mode());
    p.put("fit.rows", Integer.toString(fit.rows()));
    p.put("fit.restarts", Integer.toString(fit.training().restarts()));
    p.put("seed", Long.toString(fit.training().seed()));
    p.put("generation.reason", "fitted by segstream fit on " + source + " (" + fit.rows() + " vectors)");
    p.put("generation.started-version", Long.toString(version));
    if (fit.silhouetteByK().isEmpty()) {
      p.put("bootstrap.k-selection", "fixed");
    } else {
      final StringJoiner scores = new StringJoiner(", ");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, v) -> scores.add(String.format(Locale.ROOT, "k=%d: %.3f", k, v)));
      p.put("bootstrap.k-selection", "silhouette");
      p.put("bootstrap.silhouette", scores.toString());
    }
    p.put("bootstrap.vectors", Integer.toString(fit.rows()));
    p.put("bootstrap.inertia", String.format(Locale.ROOT, "%.4g", fit.inertia() / fit.rows()));
    return new Segmentation(modelName, version, generation, registry.featureSetId(), registry.clusteringNames(),
        fit.standardisation().scaler(), segments, fit.inertia() / fit.rows(), fit.rows(),
        now.truncatedTo(ChronoUnit.MILLIS), maxId + 1, p);
  }

  /** @throws IllegalArgumentException saying what is wrong, if vectors with these columns cannot be published */
  public static void requirePublishable(final List<String> columns, final Optional<String> vectorsFeatureSet,
      final FeatureRegistry registry) {
    if (!columns.equals(registry.clusteringNames())) {
      throw new IllegalArgumentException("only vectors of segstream's clustering features can be published: the"
          + " columns must be exactly " + String.join(",", registry.clusteringNames()) + " (in this order), the file"
          + " has " + String.join(",", columns));
    }
    if (vectorsFeatureSet.isPresent() && !vectorsFeatureSet.get().equals(registry.featureSetId())) {
      throw new IllegalArgumentException("the vectors were computed for feature set " + vectorsFeatureSet.get()
          + " but the configuration's features make " + registry.featureSetId() + " (features.* settings differ:"
          + " pass the same --config the streams app runs with)");
    }
  }

  private static int firstFreeId(final Segmentation previous) {
    int max = -1;
    for (final Segment s : previous.segments()) {
      max = Math.max(max, s.id());
    }
    return Math.max(previous.nextSegmentId(), max + 1);
  }
}
