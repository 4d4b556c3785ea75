package io.segstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.Transform;
import io.segstream.core.fit.FitResult;
import io.segstream.core.fit.FittedSegment;
import io.segstream.core.fit.VectorTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * model.json of {@code segstream fit}: the segments with centroids in the input's units (and standardised; for
 * segstream features that are log-transformed, also in the feature's natural units), sizes, weights, labels and
 * descriptions, the standardisation and how the model was fitted.
 */
final class FitModelJson {
  static final String FORMAT = "segstream-fit/1";

  private FitModelJson() {}

  /** @param registry names the features whose centroids are also given in natural units (log1p undone) */
  static void write(final Path file, final FitResult fit, final VectorTable table, final String source,
      final FeatureRegistry registry) throws IOException {
    final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("source", source);
    root.put("rows", fit.rows());
    table.featureSet().ifPresent(fs -> root.put("featureSet", fs));
    final ArrayNode columns = root.putArray("columns");
    fit.columns().forEach(columns::add);
    root.put("k", fit.k());
    final ObjectNode kSelection = root.putObject("kSelection");
    if (fit.silhouetteByK().isEmpty()) {
      kSelection.put("method", "fixed");
    } else {
      kSelection.put("method", "mean silhouette on a sample, highest wins");
      final ObjectNode scores = kSelection.putObject("silhouetteByK");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, s) -> scores.put(Integer.toString(k), s));
    }
    final FitResult.Training t = fit.training();
    final ObjectNode training = root.putObject("training");
    training.put("mode", t.mode());
    training.put("restarts", t.restarts());
    training.put("seed", t.seed());
    training.put("bootstrapRows", t.bootstrapRows());
    if (t.mode().equals("online")) {
      training.put("batches", t.batches());
      training.put("batchSize", t.batchSize());
      training.put("decayFactor", t.decayFactor());
      training.put("timeUnit", t.timeUnit());
      training.put("polishes", t.polishes());
      training.put("refitRestarts", t.refitRestarts());
      training.put("reseeds", t.reseeds());
    }
    final ObjectNode standardisation = root.putObject("standardisation");
    standardisation.put("method", fit.standardisation().method());
    standardisation.set("mean", byColumn(mapper, fit.columns(), fit.standardisation().scaler().mean()));
    standardisation.set("scale", byColumn(mapper, fit.columns(), fit.standardisation().scaler().scale()));
    root.put("inertia", fit.inertia());
    root.put("inertiaPerRow", fit.inertia() / fit.rows());
    root.put("silhouette", fit.silhouette());
    root.put("silhouetteSample", fit.silhouetteSample());
    final ArrayNode segments = root.putArray("segments");
    for (final FittedSegment s : fit.segments()) {
      final ObjectNode n = segments.addObject();
      n.put("id", s.id());
      n.put("label", s.label());
      n.put("description", s.description());
      n.put("size", s.size());
      n.put("share", s.size() / (double) fit.rows());
      n.put("weight", s.weight());
      n.set("centroid", byColumn(mapper, fit.columns(), s.centroid()));
      if (hasTransformedFeatures(fit.columns(), registry)) {
        n.set("centroidInFeatureUnits", byColumn(mapper, fit.columns(), featureUnits(fit.columns(), s.centroid(),
            registry)));
      }
      n.set("standardisedCentroid", byColumn(mapper, fit.columns(), s.standardisedCentroid()));
    }
    mapper.writeValue(file.toFile(), root);
  }

  /** Whether some columns are segstream features that are log-transformed before clustering. */
  private static boolean hasTransformedFeatures(final List<String> columns, final FeatureRegistry registry) {
    return columns.stream().anyMatch(c -> registry.feature(c).map(f -> f.transform() != Transform.IDENTITY)
        .orElse(false));
  }

  private static double[] featureUnits(final List<String> columns, final double[] centroid,
      final FeatureRegistry registry) {
    final double[] out = new double[centroid.length];
    for (int j = 0; j < out.length; j++) {
      final double v = centroid[j];
      out[j] = registry.feature(columns.get(j)).map(f -> f.transform().invert(v)).orElse(v);
    }
    return out;
  }

  private static ObjectNode byColumn(final ObjectMapper mapper, final List<String> columns, final double[] values) {
    final ObjectNode n = mapper.createObjectNode();
    for (int j = 0; j < values.length; j++) {
      n.put(columns.get(j), values[j]);
    }
    return n;
  }
}
