package io.segstream.cli;

import java.io.PrintStream;
import java.util.Locale;

/** The rated-review evaluation as text, one table per scorer. */
final class RatedReviewReport {
  private RatedReviewReport() {}

  static void print(final PrintStream out, final RatedReviewEvaluation.Report r) {
    out.printf(Locale.ROOT, "model %s, pooling %s%n", r.model(), r.pooling());
    out.printf(Locale.ROOT, "%,d reviews (%d rows without usable text skipped); %s%n", r.reviews(), r.skippedRows(),
        r.validation());
    out.printf(Locale.ROOT, "speed: %.1f texts/s, %.1f tokens per text on average, %.1f%% cut at the model's limit%n",
        r.textsPerSecond(), r.meanTokens(), 100 * r.truncatedShare());
    out.println();
    out.println("scorer                         Pearson  Spearman  AUC(1-2*)   mean sentiment at 1 / 2 / 3 / 4 / 5 stars");
    for (final RatedReviewEvaluation.Agreement a : new RatedReviewEvaluation.Agreement[] {r.anchors(), r.head()}) {
      final StringBuilder means = new StringBuilder();
      for (final RatedReviewEvaluation.StarMean m : a.perStar()) {
        means.append(means.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%+.2f", m.meanSentiment()));
      }
      out.printf(Locale.ROOT, "%-30s %7.3f  %8.3f  %9.3f   %s%n", a.scorer().length() > 30 ? a.scorer().substring(0, 30)
          : a.scorer(), a.pearson(), a.spearman(), a.aucOneTwoStars(), means);
    }
    final StringBuilder counts = new StringBuilder();
    for (final RatedReviewEvaluation.StarMean m : r.anchors().perStar()) {
      counts.append(counts.isEmpty() ? "" : " / ").append(m.reviews());
    }
    out.printf("reviews at 1 / 2 / 3 / 4 / 5 stars: %s%n", counts);
    out.printf("head: %s%n", r.head().scorer());
    for (final RatedReviewEvaluation.FoldChoice c : r.choices()) {
      out.printf(Locale.ROOT, "  outer fold %d: trained on %,d, scored %,d; inner folds chose pooling %s, lambda %s"
          + " (inner Pearson %.3f)%n", c.fold(), c.trainingReviews(), c.heldOutReviews(), c.pooling(), c.lambda(),
          c.innerPearson());
    }
    out.println("head learning curve (rated reviews it learned from -> Pearson, Spearman on the same held-out reviews):");
    for (final RatedReviewEvaluation.CurvePoint p : r.learningCurve()) {
      out.printf(Locale.ROOT, "  %,6d  %.3f  %.3f%n", p.trainingReviews(), p.pearson(), p.spearman());
    }
  }
}
