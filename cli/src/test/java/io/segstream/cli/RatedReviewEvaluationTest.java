package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.text.ReviewSignalScorer;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentencePooledEmbedder;
import io.segstream.text.SentimentHeadTrainer;
import io.segstream.text.SignalAnchors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rated-review evaluation on 200 real reviews (CC0, see test resources reviews/README.md) with the real
 * model: sentiment must follow the stars, for the anchors and, by k-fold, for the learned head. The floors are
 * what 200 reviews support, well under what the full development file gives (docs/text.md).
 */
class RatedReviewEvaluationTest {
  private static Path fixture() throws URISyntaxException {
    return Path.of(RatedReviewEvaluationTest.class.getResource("/reviews/womens-clothing-reviews-sample.csv").toURI());
  }

  @Test
  void sentimentFollowsTheStarsOnRealReviewsAndTheHeadBeatsTheAnchors() throws Exception {
    final RatedReviewsFile.Contents contents = RatedReviewsFile.read(fixture(), List.of("Review Text"), "Rating",
        Optional.of("Clothing ID"), 1000);
    assertThat(contents.reviews()).hasSize(200);
    try (SentenceEncoder encoder = SentenceEncoder.bundled(new SentenceEncoder.Options(32, 1))) {
      final RatedReviewEvaluation evaluation = new RatedReviewEvaluation(encoder,
          new ReviewSignalScorer(encoder, SignalAnchors.defaults(), 30), new SentimentHeadTrainer(), 32,
          new PrintStream(OutputStream.nullOutputStream()));
      final RatedReviewEvaluation.Report report = evaluation.kFold(evaluation.embed("fixture", contents.reviews()),
          contents.skipped(), 5, List.of(50), 7);

      assertThat(report.reviews()).isEqualTo(200);
      assertThat(report.meanTokens()).isBetween(40.0, 128.0);
      assertThat(report.anchors().pearson()).isGreaterThan(0.15);
      assertThat(report.head().pearson()).isGreaterThan(0.3).isGreaterThan(report.anchors().pearson());
      assertThat(report.head().aucOneTwoStars()).isGreaterThan(0.7);
      // The head's sentiment is negative for unhappy reviews and positive for 5 stars.
      final List<RatedReviewEvaluation.StarMean> perStar = report.head().perStar();
      assertThat(perStar.get(0).meanSentiment()).isNegative();
      assertThat(perStar.get(4).meanSentiment()).isPositive();
      assertThat(report.learningCurve()).extracting(RatedReviewEvaluation.CurvePoint::trainingReviews)
          .startsWith(50);
    }
  }

  @Test
  void nestedFoldsChooseTheSettingsOnTrainingReviewsOnlyAndSentencesBeatTheWholeText() throws Exception {
    final RatedReviewsFile.Contents contents = RatedReviewsFile.read(fixture(), List.of("Review Text"), "Rating",
        Optional.of("Clothing ID"), 1000);
    try (SentenceEncoder encoder = SentenceEncoder.bundled("all-minilm-l6-v2-q", new SentenceEncoder.Options(8, 1))) {
      final SentencePooledEmbedder sentences = new SentencePooledEmbedder(encoder);
      final RatedReviewEvaluation evaluation = new RatedReviewEvaluation(encoder,
          new ReviewSignalScorer(sentences, SignalAnchors.defaults(), 30), new SentimentHeadTrainer(), 32,
          new PrintStream(OutputStream.nullOutputStream()));
      final Map<String, RatedReviewEvaluation.Embedded> byPooling = new LinkedHashMap<>();
      byPooling.put("sentences", evaluation.embed("fixture", contents.reviews()));
      byPooling.put("text", evaluation.embed("fixture", contents.reviews(), encoder));
      final RatedReviewEvaluation.Report report = evaluation.nested(byPooling, "sentences", contents.skipped(), 4,
          List.of(0.3, 3.0), List.of(50), 7);

      assertThat(report.pooling()).isEqualTo("sentences");
      assertThat(report.choices()).hasSize(4).allSatisfy(c -> {
        assertThat(c.trainingReviews() + c.heldOutReviews()).isEqualTo(200);
        assertThat(c.lambda()).isIn(0.3, 3.0);
      });
      // Every review is scored once, by a head that did not see it: the held-out parts add up to the file.
      assertThat(report.choices().stream().mapToInt(RatedReviewEvaluation.FoldChoice::heldOutReviews).sum())
          .isEqualTo(200);
      assertThat(report.head().pearson()).isGreaterThan(0.4).isGreaterThan(report.anchors().pearson());
      assertThat(report.head().perStar().get(0).meanSentiment()).isNegative();
      assertThat(report.head().perStar().get(4).meanSentiment()).isPositive();
    }
  }

  @Test
  void foldsKeepAProductsReviewsTogether() {
    final List<RatedReview> reviews = List.of(new RatedReview("a", 5, "p1"), new RatedReview("b", 1, "p2"),
        new RatedReview("c", 4, "p1"), new RatedReview("d", 2, "p3"), new RatedReview("e", 3, "p2"));
    final int[] folds = RatedReviewEvaluation.folds(reviews, 2, 7);
    assertThat(folds[0]).isEqualTo(folds[2]);
    assertThat(folds[1]).isEqualTo(folds[4]);
  }

  @Test
  void aBadRatingNamesItsLine(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("r.csv");
    Files.writeString(file, "Review Text,Rating\n\"Lovely, fits well\",5\nToo small,six\n");
    assertThatThrownBy(() -> RatedReviewsFile.read(file, List.of("Review Text"), "Rating", Optional.empty(), 1000))
        .isInstanceOf(SegstreamCommand.UsageError.class).hasMessageContaining("line 3").hasMessageContaining("'six'");
    assertThatThrownBy(() -> RatedReviewsFile.read(file, List.of("Text"), "Rating", Optional.empty(), 1000))
        .isInstanceOf(SegstreamCommand.UsageError.class).hasMessageContaining("no column 'Text'");
  }
}
