package io.segstream.cli;

import io.segstream.text.Embedder;
import io.segstream.text.RatedEmbedding;
import io.segstream.text.ReviewSignalScorer;
import io.segstream.text.ReviewSignals;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentencePooledEmbedder;
import io.segstream.text.SentimentHead;
import io.segstream.text.SentimentHeadTrainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Sentiment against star ratings on real rated reviews, for the anchors alone and for the learned head. The
 * head is trained on a separate file or, without one, by k-fold on the reviews themselves (folds by group,
 * e.g. product, when a group column is given): a review is never scored by a head that saw its rating.
 */
final class RatedReviewEvaluation {
  /** Mean sentiment of the reviews with these stars. */
  record StarMean(int stars, int reviews, double meanSentiment) {}

  /** How one way of scoring agrees with the stars. */
  record Agreement(String scorer, double pearson, double spearman, double aucOneTwoStars, List<StarMean> perStar) {}

  /** Pearson of the head when it learned from only this many rated reviews. */
  record CurvePoint(int trainingReviews, double pearson, double spearman) {}

  /** What the inner folds chose for one outer fold, and the inner folds' Pearson with it. */
  record FoldChoice(int fold, int trainingReviews, int heldOutReviews, String pooling, double lambda,
      double innerPearson) {}

  /** Everything the evaluation reports. */
  record Report(String model, String pooling, String validation, int reviews, int skippedRows, int trainingReviews,
      double textsPerSecond, double meanTokens, double truncatedShare, Agreement anchors, Agreement head,
      List<CurvePoint> learningCurve, List<FoldChoice> choices) {}

  /** Embeddings of a file's reviews and how fast they were computed. */
  record Embedded(List<RatedReview> reviews, List<float[]> vectors, double seconds, double meanTokens,
      double truncatedShare) {}

  private final SentenceEncoder encoder;
  private final ReviewSignalScorer scorer;
  private final SentimentHeadTrainer trainer;
  private final int batchSize;
  private final PrintStream progress;

  RatedReviewEvaluation(final SentenceEncoder encoder, final ReviewSignalScorer scorer,
      final SentimentHeadTrainer trainer, final int batchSize, final PrintStream progress) {
    this.encoder = encoder;
    this.scorer = scorer;
    this.trainer = trainer;
    this.batchSize = batchSize;
    this.progress = progress;
  }

  /** Embeds as the text stage would (the scorer's embedder: the configured pooling); timed. */
  Embedded embed(final String label, final List<RatedReview> reviews) {
    return embed(label, reviews, scorer.embedder());
  }

  /**
   * Embeds in the text stage's batch size, in file order, as the stage would receive them; timed. Tokens are
   * counted per model input: per sentence when the embedder pools sentences.
   */
  Embedded embed(final String label, final List<RatedReview> reviews, final Embedder embedder) {
    final List<float[]> vectors = new ArrayList<>(reviews.size());
    long tokens = 0;
    int truncated = 0;
    final long start = System.nanoTime();
    long lastReport = start;
    for (int from = 0; from < reviews.size(); from += batchSize) {
      final List<String> texts = reviews.subList(from, Math.min(reviews.size(), from + batchSize)).stream()
          .map(RatedReview::text).toList();
      vectors.addAll(embedder.embed(texts));
      final long now = System.nanoTime();
      if (now - lastReport > 5_000_000_000L) {
        progress.printf("%s: %,d of %,d reviews embedded%n", label, vectors.size(), reviews.size());
        lastReport = now;
      }
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    final boolean bySentence = embedder instanceof SentencePooledEmbedder;
    for (final RatedReview r : reviews) {
      boolean cut = false;
      for (final String input : bySentence ? SentencePooledEmbedder.sentences(r.text()) : List.of(r.text())) {
        final int n = encoder.tokenCount(input);
        tokens += n;
        cut |= n >= encoder.maxTokens();
      }
      if (cut) {
        truncated++;
      }
    }
    return new Embedded(reviews, vectors, seconds, reviews.isEmpty() ? 0 : (double) tokens / reviews.size(),
        reviews.isEmpty() ? 0 : (double) truncated / reviews.size());
  }

  /** Head trained on {@code train}, scored on {@code test}. */
  Report heldOut(final Embedded test, final Embedded train, final int skipped, final List<Integer> curveSizes,
      final long seed) {
    final List<RatedEmbedding> examples = examples(train, IntStream.range(0, train.reviews().size()).boxed().toList());
    final SentimentHead head = trainer.train(examples, 1, examples.size());
    final double[] headSentiment = sentiment(test.vectors(), Optional.of(head));
    final List<CurvePoint> curve = new ArrayList<>();
    final double[] stars = stars(test);
    for (final int size : curveSizes) {
      if (size < examples.size()) {
        final List<RatedEmbedding> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        final List<RatedEmbedding> subset = shuffled.subList(0, size);
        if (SentimentHeadTrainer.trainable(subset)) {
          final double[] s = sentiment(test.vectors(), Optional.of(trainer.train(subset, 1, size)));
          curve.add(new CurvePoint(size, TextAgreement.pearson(s, stars), TextAgreement.spearman(s, stars)));
        }
      }
    }
    curve.add(new CurvePoint(examples.size(), TextAgreement.pearson(headSentiment, stars),
        TextAgreement.spearman(headSentiment, stars)));
    return report("head trained on the --train-file (" + examples.size() + " reviews), scored on the --reviews-file",
        test, skipped, examples.size(), headSentiment, curve);
  }

  /** k-fold on the reviews themselves; folds by group when the reviews have groups. */
  Report kFold(final Embedded all, final int skipped, final int folds, final List<Integer> curveSizes,
      final long seed) {
    final int n = all.reviews().size();
    final int[] fold = folds(all.reviews(), folds, seed);
    final double[] headSentiment = new double[n];
    final Map<Integer, double[]> curveSentiment = new LinkedHashMap<>();
    curveSizes.forEach(size -> curveSentiment.put(size, new double[n]));
    int trainingSize = 0;
    for (int k = 0; k < folds; k++) {
      final int held = k;
      final List<Integer> trainIdx = IntStream.range(0, n).filter(i -> fold[i] != held).boxed().toList();
      final List<Integer> testIdx = IntStream.range(0, n).filter(i -> fold[i] == held).boxed().toList();
      if (testIdx.isEmpty()) {
        continue;
      }
      final List<RatedEmbedding> examples = examples(all, trainIdx);
      trainingSize = Math.max(trainingSize, examples.size());
      final List<float[]> testVectors = testIdx.stream().map(all.vectors()::get).toList();
      progress.printf("fold %d of %d: training on %,d reviews, scoring %,d%n", k + 1, folds, examples.size(),
          testIdx.size());
      final double[] s = sentiment(testVectors, Optional.of(trainer.train(examples, k + 1, examples.size())));
      for (int j = 0; j < testIdx.size(); j++) {
        headSentiment[testIdx.get(j)] = s[j];
      }
      for (final Map.Entry<Integer, double[]> c : curveSentiment.entrySet()) {
        final List<RatedEmbedding> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed + k));
        final List<RatedEmbedding> subset = shuffled.subList(0, Math.min(c.getKey(), shuffled.size()));
        final double[] cs = SentimentHeadTrainer.trainable(subset)
            ? sentiment(testVectors, Optional.of(trainer.train(subset, 1, subset.size())))
            : new double[testIdx.size()];
        for (int j = 0; j < testIdx.size(); j++) {
          c.getValue()[testIdx.get(j)] = cs[j];
        }
      }
    }
    final double[] stars = stars(all);
    final List<CurvePoint> curve = new ArrayList<>();
    for (final Map.Entry<Integer, double[]> c : curveSentiment.entrySet()) {
      if (c.getKey() < trainingSize) {
        curve.add(new CurvePoint(c.getKey(), TextAgreement.pearson(c.getValue(), stars),
            TextAgreement.spearman(c.getValue(), stars)));
      }
    }
    curve.add(new CurvePoint(trainingSize, TextAgreement.pearson(headSentiment, stars),
        TextAgreement.spearman(headSentiment, stars)));
    final boolean grouped = all.reviews().stream().anyMatch(r -> !r.group().isEmpty());
    return report(folds + "-fold cross-validation" + (grouped ? " by group (a group's reviews share a fold)" : "")
        + ", seed " + seed + "; each review scored by a head trained on the other folds", all, skipped, trainingSize,
        headSentiment, curve);
  }

  /**
   * Nested cross-validation: outer folds by group (product) give the figures; within each outer fold's training
   * reviews, inner folds by group choose the pooling and the head's L2 penalty, so no setting is chosen on a
   * review it is then scored on. {@code byPooling} holds the same reviews embedded with each pooling candidate;
   * the anchors are reported for the configured one ({@code reported}).
   */
  Report nested(final Map<String, Embedded> byPooling, final String reported, final int skipped, final int folds,
      final List<Double> lambdas, final List<Integer> curveSizes, final long seed) {
    final Embedded shown = byPooling.get(reported);
    final int n = shown.reviews().size();
    final double[] stars = stars(shown);
    final int[] outer = folds(shown.reviews(), folds, seed);
    final double[] headSentiment = new double[n];
    final Map<Integer, double[]> curveSentiment = new LinkedHashMap<>();
    curveSizes.forEach(size -> curveSentiment.put(size, new double[n]));
    final List<FoldChoice> choices = new ArrayList<>();
    int trainingSize = 0;
    for (int k = 0; k < folds; k++) {
      final int held = k;
      final List<Integer> trainIdx = IntStream.range(0, n).filter(i -> outer[i] != held).boxed().toList();
      final List<Integer> testIdx = IntStream.range(0, n).filter(i -> outer[i] == held).boxed().toList();
      if (testIdx.isEmpty()) {
        continue;
      }
      trainingSize = Math.max(trainingSize, trainIdx.size());
      // Inner folds: the outer training reviews only, dealt by group with another seed.
      final int[] inner = folds(trainIdx.stream().map(shown.reviews()::get).toList(), folds, seed + 1 + k);
      String bestPooling = reported;
      double bestLambda = SentimentHeadTrainer.DEFAULT_LAMBDA;
      double bestPearson = Double.NEGATIVE_INFINITY;
      for (final Map.Entry<String, Embedded> candidate : byPooling.entrySet()) {
        for (final double lambda : lambdas) {
          final double[] innerSentiment = new double[trainIdx.size()];
          final SentimentHeadTrainer t = new SentimentHeadTrainer(lambda, 500);
          for (int j = 0; j < folds; j++) {
            final int innerHeld = j;
            final List<Integer> fit = IntStream.range(0, trainIdx.size()).filter(i -> inner[i] != innerHeld)
                .mapToObj(trainIdx::get).toList();
            final List<Integer> check = IntStream.range(0, trainIdx.size()).filter(i -> inner[i] == innerHeld)
                .boxed().toList();
            final List<RatedEmbedding> examples = examples(candidate.getValue(), fit);
            if (check.isEmpty() || !SentimentHeadTrainer.trainable(examples)) {
              continue;
            }
            final SentimentHead head = t.train(examples, 1, examples.size());
            for (final int i : check) {
              innerSentiment[i] = head.sentiment(candidate.getValue().vectors().get(trainIdx.get(i)));
            }
          }
          final double pearson = TextAgreement.pearson(innerSentiment,
              trainIdx.stream().mapToDouble(i -> stars[i]).toArray());
          if (pearson > bestPearson) {
            bestPearson = pearson;
            bestPooling = candidate.getKey();
            bestLambda = lambda;
          }
        }
      }
      final Embedded chosen = byPooling.get(bestPooling);
      final SentimentHeadTrainer t = new SentimentHeadTrainer(bestLambda, 500);
      final List<RatedEmbedding> examples = examples(chosen, trainIdx);
      progress.printf(Locale.ROOT, "outer fold %d of %d: inner folds chose pooling %s, lambda %s (inner Pearson %.3f);"
          + " training on %,d reviews, scoring %,d%n", k + 1, folds, bestPooling, bestLambda, bestPearson,
          examples.size(), testIdx.size());
      choices.add(new FoldChoice(k + 1, examples.size(), testIdx.size(), bestPooling, bestLambda, bestPearson));
      final SentimentHead head = t.train(examples, k + 1, examples.size());
      for (final int i : testIdx) {
        headSentiment[i] = head.sentiment(chosen.vectors().get(i));
      }
      for (final Map.Entry<Integer, double[]> c : curveSentiment.entrySet()) {
        final List<RatedEmbedding> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed + k));
        final List<RatedEmbedding> subset = shuffled.subList(0, Math.min(c.getKey(), shuffled.size()));
        final Optional<SentimentHead> small = SentimentHeadTrainer.trainable(subset)
            ? Optional.of(t.train(subset, 1, subset.size())) : Optional.empty();
        for (final int i : testIdx) {
          c.getValue()[i] = small.map(h -> h.sentiment(chosen.vectors().get(i))).orElse(0.0);
        }
      }
    }
    final List<CurvePoint> curve = new ArrayList<>();
    for (final Map.Entry<Integer, double[]> c : curveSentiment.entrySet()) {
      if (c.getKey() < trainingSize) {
        curve.add(new CurvePoint(c.getKey(), TextAgreement.pearson(c.getValue(), stars),
            TextAgreement.spearman(c.getValue(), stars)));
      }
    }
    curve.add(new CurvePoint(trainingSize, TextAgreement.pearson(headSentiment, stars),
        TextAgreement.spearman(headSentiment, stars)));
    return report("nested " + folds + "-fold cross-validation by group, seed " + seed + ": each review scored by a head"
        + " trained on the other outer folds, with the pooling " + byPooling.keySet() + " and lambda " + lambdas
        + " chosen by inner folds within those", shown, skipped, trainingSize,
        "learned head (logistic, 4-5 vs 1-3 stars, chosen per outer fold)", headSentiment, curve, choices);
  }

  private Report report(final String validation, final Embedded test, final int skipped, final int trainingSize,
      final double[] headSentiment, final List<CurvePoint> curve) {
    return report(validation, test, skipped, trainingSize, "learned head (" + trainer + ")", headSentiment, curve,
        List.of());
  }

  private Report report(final String validation, final Embedded test, final int skipped, final int trainingSize,
      final String headName, final double[] headSentiment, final List<CurvePoint> curve,
      final List<FoldChoice> choices) {
    final double[] anchorSentiment = sentiment(test.vectors(), Optional.empty());
    final double[] stars = stars(test);
    return new Report(encoder.description(), pooling(scorer.embedder()), validation, test.reviews().size(), skipped,
        trainingSize, test.reviews().size() / test.seconds(), test.meanTokens(), test.truncatedShare(),
        agreement("anchors (zero-shot)", anchorSentiment, stars), agreement(headName, headSentiment, stars),
        List.copyOf(curve), List.copyOf(choices));
  }

  static String pooling(final Embedder embedder) {
    return embedder instanceof SentencePooledEmbedder ? "sentences" : "text";
  }

  static Agreement agreement(final String name, final double[] sentiment, final double[] stars) {
    final List<StarMean> perStar = new ArrayList<>();
    for (int s = 1; s <= 5; s++) {
      final int star = s;
      final double[] at = IntStream.range(0, stars.length).filter(i -> stars[i] == star).mapToDouble(i -> sentiment[i])
          .toArray();
      perStar.add(new StarMean(s, at.length, java.util.Arrays.stream(at).average().orElse(Double.NaN)));
    }
    final boolean[] low = new boolean[stars.length];
    final double[] negativity = new double[stars.length];
    for (int i = 0; i < stars.length; i++) {
      low[i] = stars[i] <= 2;
      negativity[i] = -sentiment[i];
    }
    return new Agreement(name, TextAgreement.pearson(sentiment, stars), TextAgreement.spearman(sentiment, stars),
        TextAgreement.auc(negativity, low), List.copyOf(perStar));
  }

  private double[] sentiment(final List<float[]> vectors, final Optional<SentimentHead> head) {
    return scorer.scoreEmbedded(vectors, head).stream().mapToDouble(ReviewSignals::sentiment).toArray();
  }

  private static double[] stars(final Embedded e) {
    return e.reviews().stream().mapToDouble(RatedReview::stars).toArray();
  }

  private static List<RatedEmbedding> examples(final Embedded e, final List<Integer> idx) {
    return idx.stream().map(i -> new RatedEmbedding(e.vectors().get(i), e.reviews().get(i).stars())).toList();
  }

  /** Fold of each review: groups shuffled by the seed and dealt round-robin, or reviews so when ungrouped. */
  static int[] folds(final List<RatedReview> reviews, final int folds, final long seed) {
    final boolean grouped = reviews.stream().anyMatch(r -> !r.group().isEmpty());
    final int[] out = new int[reviews.size()];
    if (grouped) {
      final List<String> groups = new ArrayList<>(reviews.stream().map(RatedReview::group).distinct().sorted().toList());
      Collections.shuffle(groups, new Random(seed));
      final Map<String, Integer> foldOf = new LinkedHashMap<>();
      for (int i = 0; i < groups.size(); i++) {
        foldOf.put(groups.get(i), i % folds);
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = foldOf.get(reviews.get(i).group());
      }
    } else {
      final List<Integer> order = new ArrayList<>(IntStream.range(0, reviews.size()).boxed().toList());
      Collections.shuffle(order, new Random(seed));
      for (int i = 0; i < order.size(); i++) {
        out[order.get(i)] = i % folds;
      }
    }
    return out;
  }
}
