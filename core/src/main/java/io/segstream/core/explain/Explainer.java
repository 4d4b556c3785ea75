package io.segstream.core.explain;

import io.segstream.core.assign.SegmentAssigner;
import io.segstream.core.features.FeatureDef;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.Transform;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.ValueFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Explains an assignment: distances to every centre, the margin to the runner-up, and which features keep
 * the user in their segment. A feature's pull is its share of the difference between the squared
 * distances to the runner-up and to the user's own centre, so the reasons add up to the margin's cause.
 */
public final class Explainer {
  private static final int MAX_REASONS = 3;

  private final FeatureRegistry registry;

  public Explainer(final FeatureRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param vector the user's clustering vector (transformed, not standardised) in the model's feature order
   * @param segmentId the user's current segment (explained even if hysteresis keeps the user off the nearest one)
   */
  public Explanation explain(final Segmentation model, final double[] vector, final int segmentId) {
    final SegmentAssigner.Assignment a = new SegmentAssigner(0).assign(model, vector, segmentId);
    final List<Segment> segments = model.segments();
    final List<Explanation.Distance> distances = new ArrayList<>();
    int own = -1;
    for (int i = 0; i < segments.size(); i++) {
      distances.add(new Explanation.Distance(segments.get(i).id(), segments.get(i).label(), a.distances()[i]));
      if (segments.get(i).id() == segmentId) {
        own = i;
      }
    }
    if (own < 0) {
      throw new IllegalArgumentException("segment " + segmentId + " is not in model v" + model.version());
    }
    int runnerUp = -1;
    for (int i = 0; i < segments.size(); i++) {
      if (i != own && (runnerUp < 0 || a.distances()[i] < a.distances()[runnerUp])) {
        runnerUp = i;
      }
    }
    distances.sort(Comparator.comparingDouble(Explanation.Distance::distance));
    final Segment mine = segments.get(own);
    if (runnerUp < 0) {
      return new Explanation(mine.id(), mine.label(), a.distances()[own], -1, "", Double.NaN, Double.NaN, distances,
          List.of());
    }
    final Segment other = segments.get(runnerUp);
    final double[] z = model.scaler().transform(vector);
    final List<Explanation.Reason> reasons = new ArrayList<>();
    for (int j = 0; j < z.length; j++) {
      final double toOther = z[j] - other.centroid()[j];
      final double toMine = z[j] - mine.centroid()[j];
      final double pull = toOther * toOther - toMine * toMine;
      if (pull > 0) {
        reasons.add(reason(model, j, vector[j], pull));
      }
    }
    reasons.sort(Comparator.comparingDouble(Explanation.Reason::contribution).reversed());
    return new Explanation(mine.id(), mine.label(), a.distances()[own], other.id(), other.label(),
        a.distances()[runnerUp], a.distances()[runnerUp] - a.distances()[own], distances,
        List.copyOf(reasons.subList(0, Math.min(MAX_REASONS, reasons.size()))));
  }

  private Explanation.Reason reason(final Segmentation model, final int j, final double transformed, final double pull) {
    final String name = model.featureNames().get(j);
    final Optional<FeatureDef> def = registry.feature(name);
    final Transform t = def.map(FeatureDef::transform).orElse(Transform.IDENTITY);
    final String unit = def.map(FeatureDef::unit).orElse("");
    final double value = t.invert(transformed);
    final double typical = t.invert(model.scaler().mean()[j]);
    final boolean high = transformed >= model.scaler().mean()[j];
    final String phrase = def.map(d -> high ? d.high() : d.low())
        .orElse((high ? "have a high " : "have a low ") + name.replace('_', ' '));
    final StringBuilder text = new StringBuilder(phrase).append(" (").append(ValueFormat.format(value, unit))
        .append(" vs ").append(ValueFormat.format(typical, unit)).append(" typical");
    if (!unit.equals("share") && !unit.startsWith("score") && typical > 1e-6 && value > 1e-6) {
      final double ratio = value / typical;
      if (ratio >= 1.5) {
        text.append(String.format(Locale.ROOT, ", %.1f× as much", ratio));
      } else if (ratio <= 1 / 1.5) {
        text.append(String.format(Locale.ROOT, ", 1/%.1f as much", 1 / ratio));
      }
    }
    text.append(')');
    return new Explanation.Reason(name, value, typical, pull, text.toString());
  }
}
