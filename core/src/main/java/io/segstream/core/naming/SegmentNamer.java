package io.segstream.core.naming;

import io.segstream.core.features.FeatureDef;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.Transform;
import io.segstream.core.model.Scaler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names segments in a marketer's words from their centres. A centre's coordinates in standardised space
 * say how far above or below the typical user the segment is on each feature. Each archetype
 * ("Bargain hunters") is a direction in that space; segments get the archetype they point to most,
 * each archetype used once, a segment's previous label preferred while it still fits (so labels do not
 * flip between model versions over small shifts, e.g. when the scaler is refreshed). A segment that
 * matches none is named after its most distinctive feature. The description spells out the strongest
 * features in original units against the typical user.
 */
public final class SegmentNamer {
  private static final double MIN_ARCHETYPE_SCORE = 0.45;
  private static final double KEEP_LABEL_BONUS = 0.5;
  private static final double NOTABLE_Z = 0.3;

  private record Archetype(String label, Map<String, Double> direction) {}

  private static final List<Archetype> ARCHETYPES = List.of(
      new Archetype("Loyal big spenders", Map.of("spend", 1.0, "orders", 1.0, "avg_order_value", 0.8, "conversion", 0.5,
          "days_since_purchase", -0.7, "discount_share", -0.5)),
      new Archetype("Bargain hunters", Map.of("discount_share", 1.5, "cart_removes", 0.6, "price_complaints", 0.4,
          "avg_order_value", -0.5)),
      new Archetype("Window shoppers", Map.of("views", 1.0, "sessions", 0.5, "conversion", -1.0, "orders", -0.6,
          "cart_abandonment", 0.4)),
      new Archetype("New visitors", Map.of("tenure_days", -1.2, "days_since_seen", -0.4, "sessions", -0.6, "views", -0.4,
          "orders", -0.3)),
      new Archetype("Lapsing buyers", Map.of("days_since_seen", 1.0, "days_since_purchase", 0.6, "avg_order_value", 0.4,
          "sessions", -0.6, "tenure_days", 0.4, "quality_complaints", 0.3, "delivery_complaints", 0.3)),
      new Archetype("Unhappy customers", Map.of("review_sentiment", -1.0, "mean_rating", -1.0, "delivery_complaints", 0.5,
          "quality_complaints", 0.5)),
      new Archetype("Enthusiastic reviewers", Map.of("reviews", 1.0, "mean_rating", 0.7, "review_sentiment", 0.5)),
      new Archetype("Serial returners", Map.of("return_rate", 1.5, "orders", 0.3)),
      new Archetype("Cart abandoners", Map.of("cart_abandonment", 1.2, "cart_adds", 0.6, "conversion", -0.5)),
      new Archetype("Steady regulars", Map.of("orders", 0.6, "conversion", 0.6, "days_since_purchase", -0.4,
          "days_since_seen", -0.3)));

  /** A segment's name and one-line description. */
  public record Name(String label, String description) {}

  private final FeatureRegistry registry;

  public SegmentNamer(final FeatureRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param centres standardised centres, one per segment
   * @param previousLabels labels the same segments had before (same order; empty string if new)
   */
  public List<Name> name(final List<String> featureNames, final Scaler scaler, final double[][] centres,
      final List<String> previousLabels) {
    final int k = centres.length;
    final String[] labels = new String[k];
    final double[][] visible = new double[k][];
    for (int s = 0; s < k; s++) {
      visible[s] = visible(featureNames, scaler, centres[s]);
    }
    record Pair(int segment, int archetype, double score) {}
    final List<Pair> pairs = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      final Optional<String> cell = RfmCell.label(featureNames, scaler, centres[s]);
      if (cell.isPresent()) {
        labels[s] = cell.get(); // a segment about value and recency: the RFM map's words
        continue;
      }
      for (int a = 0; a < ARCHETYPES.size(); a++) {
        final double fit = score(ARCHETYPES.get(a), featureNames, visible[s]);
        if (fit < MIN_ARCHETYPE_SCORE) {
          continue; // a label must fit on its own merits; the bonus below only breaks near-ties
        }
        final boolean previous = s < previousLabels.size() && ARCHETYPES.get(a).label().equals(previousLabels.get(s));
        pairs.add(new Pair(s, a, previous ? fit + KEEP_LABEL_BONUS : fit));
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
    final Set<Integer> usedArchetypes = new HashSet<>();
    for (final Pair p : pairs) {
      if (labels[p.segment()] == null && usedArchetypes.add(p.archetype())) {
        labels[p.segment()] = ARCHETYPES.get(p.archetype()).label();
      }
    }
    final Set<String> taken = new HashSet<>();
    for (int s = 0; s < k; s++) {
      if (labels[s] != null && !taken.add(labels[s])) {
        labels[s] = unique(labels[s], taken); // two segments in one RFM cell
        taken.add(labels[s]);
      }
    }
    final List<Name> out = new ArrayList<>(k);
    for (int s = 0; s < k; s++) {
      final List<Notable> notable = notable(featureNames, visible[s]);
      final double[] values = scaler.inverse(centres[s]);
      String label = labels[s];
      if (label == null) {
        label = unique(fallbackLabel(notable), taken);
        taken.add(label);
      }
      out.add(new Name(label, describe(notable, scaler, values)));
    }
    return out;
  }

  /**
   * The centre with every coordinate zeroed whose value, in the feature's own units, reads the same as the typical
   * user's: measured in shares of the population, a segment whose complaint score is 0.001 against 0 is far above
   * the many who never complained, but "complain about prices (0.00 vs 0.00 typical)" describes nothing, and must
   * not name the segment "Unhappy customers" either.
   */
  private double[] visible(final List<String> names, final Scaler scaler, final double[] centre) {
    final double[] values = scaler.inverse(centre);
    final double[] typical = scaler.inverse(new double[centre.length]);
    final double[] out = centre.clone();
    for (int j = 0; j < out.length; j++) {
      final Optional<FeatureDef> def = registry.feature(names.get(j));
      final Transform t = def.map(FeatureDef::transform).orElse(Transform.IDENTITY);
      final String unit = def.map(FeatureDef::unit).orElse("");
      if (ValueFormat.format(t.invert(values[j]), unit).equals(ValueFormat.format(t.invert(typical[j]), unit))) {
        out[j] = 0;
      }
    }
    return out;
  }

  private static double score(final Archetype a, final List<String> names, final double[] z) {
    double dot = 0;
    double norm = 0;
    for (final Map.Entry<String, Double> e : a.direction().entrySet()) {
      norm += e.getValue() * e.getValue();
      final int j = names.indexOf(e.getKey());
      if (j >= 0) {
        dot += e.getValue() * z[j];
      }
    }
    return dot / Math.sqrt(norm);
  }

  private record Notable(int index, String name, double z) {}

  private static List<Notable> notable(final List<String> names, final double[] z) {
    final List<Notable> out = new ArrayList<>();
    for (int j = 0; j < z.length; j++) {
      if (Math.abs(z[j]) >= NOTABLE_Z) {
        out.add(new Notable(j, names.get(j), z[j]));
      }
    }
    out.sort(Comparator.comparingDouble((Notable n) -> Math.abs(n.z())).reversed());
    return out;
  }

  private String fallbackLabel(final List<Notable> notable) {
    if (notable.isEmpty()) {
      return "Typical customers";
    }
    return "Shoppers who " + phrase(notable.getFirst());
  }

  private static String unique(final String label, final Set<String> taken) {
    String l = label;
    for (int i = 2; taken.contains(l); i++) {
      l = label + " (" + i + ")";
    }
    return l;
  }

  private String phrase(final Notable n) {
    final Optional<FeatureDef> def = registry.feature(n.name());
    if (def.isEmpty()) {
      return (n.z() > 0 ? "have a high " : "have a low ") + n.name().replace('_', ' ');
    }
    return n.z() > 0 ? def.get().high() : def.get().low();
  }

  private String describe(final List<Notable> notable, final Scaler scaler, final double[] values) {
    if (notable.isEmpty()) {
      return "Close to the typical customer on every feature.";
    }
    final List<String> parts = new ArrayList<>();
    for (final Notable n : notable.subList(0, Math.min(3, notable.size()))) {
      final Optional<FeatureDef> def = registry.feature(n.name());
      final Transform t = def.map(FeatureDef::transform).orElse(Transform.IDENTITY);
      final String unit = def.map(FeatureDef::unit).orElse("");
      final double value = t.invert(values[n.index()]);
      final double typical = t.invert(scaler.mean()[n.index()]);
      parts.add(phrase(n) + " (" + ValueFormat.format(value, unit) + " vs " + ValueFormat.format(typical, unit) + " typical)");
    }
    final String joined = parts.size() == 1 ? parts.getFirst()
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
  }

  /** Labels this namer can give, for documentation and tests. */
  public static List<String> archetypeLabels() {
    final List<String> out = new ArrayList<>();
    ARCHETYPES.forEach(a -> out.add(a.label()));
    return out;
  }

  static Map<String, Double> direction(final String label) {
    final Map<String, Double> m = new HashMap<>();
    ARCHETYPES.stream().filter(a -> a.label().equals(label)).findFirst().ifPresent(a -> m.putAll(a.direction()));
    return m;
  }
}
