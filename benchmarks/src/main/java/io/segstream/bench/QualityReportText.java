package io.segstream.bench;

import io.segstream.bench.quality.RecoveryTracker;
import java.io.PrintStream;
import java.util.Locale;

/** The quality report as a reader wants it: side-by-side tables and the targets with verdicts. */
public final class QualityReportText {
  static final double TARGET_INERTIA_RATIO = 1.03;
  static final double TARGET_ARI = 0.9;

  private QualityReportText() {}

  public static void print(final QualityReport r, final PrintStream out) {
    final QualityReport.Setup s = r.setup();
    out.printf(Locale.ROOT, "segstream bench quality: seed %d, %.1f s%n", r.seed(), r.seconds());
    out.printf(Locale.ROOT, "online model (the updater's settings): k=%s, mini-batches of %d, decay %.4g per %s"
            + " (half-life %s batches), bootstrap on %,d vectors, refit check every %d batches (min gain %.0f%%),"
            + " re-seed below %.1f%% of the weight%n",
        s.k() == 0 ? "auto" : Integer.toString(s.k()), s.batchSize(), s.decayFactor(), s.timeUnit().equals("points") ? "point" : "batch",
        fmt(s.halfLifeBatches()), s.bootstrapVectors(), s.refitIntervalBatches(), 100 * s.refitMinGain(),
        100 * s.reseedMinShare());
    out.printf(Locale.ROOT, "batch reference: smile k-means++, best of %d restarts, on the same standardised"
        + " points%n%n", s.batchRestarts());

    out.printf(Locale.ROOT, "%-22s %7s %4s %3s  %12s %12s %7s  %-13s  %-13s%n", "", "rows", "dim", "k",
        "inertia:batch", "online", "ratio", "ARI:batch/onl", "silh:batch/onl");
    for (final QualityReport.Comparison c : r.comparisons()) {
      out.printf(Locale.ROOT, "%-22s %,7d %4d %3d  %12.1f %12.1f %7.4f  %.3f / %.3f  %.3f / %.3f%n", c.dataset(),
          c.rows(), c.dimension(), c.k(), c.batchInertia(), c.onlineInertia(), c.inertiaRatio(), c.batchAri(),
          c.onlineAri(), c.batchSilhouette(), c.onlineSilhouette());
    }
    for (final QualityReport.Comparison c : r.comparisons()) {
      out.printf(Locale.ROOT, "  %s: %s; online saw %,d vectors in %,d mini-batches; %s%n", c.dataset(),
          c.description(), c.onlineVectors(), c.onlineBatches(), c.notes());
    }

    final QualityReport.Drift any = r.drifts().getFirst();
    out.printf(Locale.ROOT, "%ndrift recovery: recovered = from that checkpoint on, online inertia <= %.2f x the batch"
            + " optimum of the moment and online ARI (vs the post-drift truth) >= the optimum's - %.2f; bound: %s%n",
        any.maxInertiaRatio(), any.maxAriGap(), bound(s, any.boundBatches()));
    out.printf(Locale.ROOT, "%-38s %-20s %-36s %-36s%n", "", "recovered after", "first checkpoint: ratio, ARI onl/bat",
        "last checkpoint");
    for (final QualityReport.Drift d : r.drifts()) {
      out.printf(Locale.ROOT, "%-38s %-20s %-36s %-36s%n", d.scenario(),
          recovery(d) + (d.withinBound() ? " (ok)" : " (MISSED)"),
          checkpoint(d.first()), checkpoint(d.last()));
    }
    for (final QualityReport.Drift d : r.drifts()) {
      out.printf(Locale.ROOT, "  %s: %s%n", d.scenario(), d.description());
    }

    final QualityReport.Flapping f = r.flapping();
    out.printf(Locale.ROOT, "%nflapping: %,d users with frozen behaviour, re-assigned under %d successive model"
        + " versions while the updater keeps training on them%n", f.users(), f.modelUpdates());
    out.printf(Locale.ROOT, "  with hysteresis %.2f: %.2f%% of users change segment per version (max %.2f%%)%n",
        f.hysteresis(), 100 * f.meanShareWithHysteresis(), 100 * f.maxShareWithHysteresis());
    out.printf(Locale.ROOT, "  without hysteresis:   %.2f%% per version (max %.2f%%)%n",
        100 * f.meanShareWithoutHysteresis(), 100 * f.maxShareWithoutHysteresis());

    out.printf(Locale.ROOT, "%ntargets:%n");
    for (final QualityReport.Comparison c : r.comparisons()) {
      if (c.dataset().equals("personas")) {
        out.printf(Locale.ROOT, "  online inertia within 3%% of batch k-means++ (personas): %.4f %s%n",
            c.inertiaRatio(), verdict(c.inertiaRatio() <= TARGET_INERTIA_RATIO));
        out.printf(Locale.ROOT, "  ARI >= %.1f against the hidden personas (online model): %.3f %s%n", TARGET_ARI,
            c.onlineAri(), verdict(c.onlineAri() >= TARGET_ARI));
      }
    }
    for (final QualityReport.Drift d : r.drifts()) {
      out.printf(Locale.ROOT, "  recovery within the bound (%s): %s %s%n", d.scenario(),
          recovery(d), verdict(d.withinBound()));
    }
  }

  private static String bound(final QualityReport.Setup s, final long bound) {
    if (bound < 0) {
      return "none (decay 1 never forgets)";
    }
    if (s.refitIntervalBatches() > 0) {
      return String.format(Locale.ROOT, "%d batches (the refit window of %d batches is all post-drift, plus one refit"
          + " interval of %d)", bound, bound - s.refitIntervalBatches(), s.refitIntervalBatches());
    }
    return String.format(Locale.ROOT, "%d batches (%.0f half-lives of the decay, no refits)", bound,
        QualityBenchmark.BOUND_HALF_LIVES);
  }

  /** "12 batches"; "<= 12 batches" when the first checkpoint was already good (it never fell behind before it). */
  private static String recovery(final QualityReport.Drift d) {
    if (!d.recovered()) {
      return "not recovered";
    }
    return (d.batchesToRecover() == d.first().batches() ? "<= " : "") + d.batchesToRecover() + " batches";
  }

  private static String checkpoint(final RecoveryTracker.Checkpoint c) {
    return String.format(Locale.ROOT, "@%d: %.3f, %.3f/%.3f", c.batches(), c.inertiaRatio(), c.onlineAri(),
        c.batchAri());
  }

  private static String verdict(final boolean met) {
    return met ? "ok" : "MISSED";
  }

  private static String fmt(final double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "infinite";
  }
}
