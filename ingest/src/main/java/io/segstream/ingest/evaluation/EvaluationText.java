package io.segstream.ingest.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The evaluation as Markdown: the scores table, the system's segments, and the stability. */
public final class EvaluationText {
  private EvaluationText() {}

  public static List<String> markdown(final Evaluation e) {
    final Holdout h = e.holdout();
    final List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Hold-out: segments from %,d events before %s; outcomes from %,d events to %s.",
        h.history().size(), h.window().cutoff(), h.laterEvents(), h.window().end()));
    out.add(String.format(Locale.ROOT, "%,d customers active before the cutoff%s; %.1f%% bought again in the horizon."
        + " Model version %d, k = %d.", h.customers().size(),
        e.unassigned() == 0 ? "" : String.format(Locale.ROOT, " (%,d more not assigned, left out)", e.unassigned()),
        100 * h.repurchaseRate(), e.modelVersion(), e.k()));
    out.add("");
    out.add("| partition | groups | repurchase AUC | future log-spend R² | largest group |");
    out.add("| --- | ---: | ---: | ---: | ---: |");
    for (final PartitionScore r : e.rows()) {
      out.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |", rowName(r, e.k()), r.groups(),
          number(r.repurchaseAuc()), number(r.futureSpendR2()), percent(r.largestShare())));
    }
    out.add("");
    out.add("| segstream segment | customers | share | bought again | mean future spend |");
    out.add("| --- | ---: | ---: | ---: | ---: |");
    for (final GroupSummary g : e.rows().getFirst().sizes()) {
      out.add(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %,.0f |", g.label(), g.customers(), percent(g.share()),
          percent(g.repurchaseRate()), g.meanFutureSpend()));
    }
    e.stabilityAri().ifPresent(ari -> {
      out.add("");
      out.add(String.format(Locale.ROOT, "Stability: adjusted Rand index %s between a replay as fast as possible and a"
          + " paced one (1 = the same segments).", number(ari)));
    });
    return out;
  }

  private static String rowName(final PartitionScore r, final int k) {
    return switch (r.partition()) {
      case "k-means on log RFM", "random" -> r.partition() + " (k = " + k + ")";
      default -> r.partition();
    };
  }

  static String number(final double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String percent(final double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
  }
}
