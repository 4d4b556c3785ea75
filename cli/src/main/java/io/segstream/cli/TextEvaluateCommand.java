package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.generator.CatalogProduct;
import io.segstream.generator.ReviewTexts;
import io.segstream.generator.ReviewTopic;
import io.segstream.generator.ShopCatalog;
import io.segstream.generator.WrittenReview;
import io.segstream.streams.text.TextModels;
import io.segstream.text.CategoryGuess;
import io.segstream.text.Embedder;
import io.segstream.text.ReviewSignals;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentencePooledEmbedder;
import io.segstream.text.SentimentHeadTrainer;
import io.segstream.text.TextInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How well the text signals agree with ground truth: review signals against the generator's star ratings
 * and review topics, categories against the generator's catalogue, and derived categories on real product
 * names (UCI Online Retail). The numbers in docs/text.md come from here.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Measure review signals against star ratings/topics and derived categories on real product names.",
        "With --reviews-file: sentiment of the anchors and of the learned head against the stars of real rated"
            + " reviews (head trained on --train-file, or by k-fold on the file itself)."})
final class TextEvaluateCommand implements Callable<Integer> {
  @Option(names = "--reviews-file", paramLabel = "CSV", description = "CSV of rated reviews (header row names the columns)"
      + " to evaluate on; replaces the generated reviews.")
  Path reviewsFile;

  @Option(names = "--text-column", paramLabel = "NAME", description = "Column(s) holding the review text; several are"
      + " joined with '. ' (e.g. a title and a body). Default: 'Review Text'.")
  List<String> textColumns;

  @Option(names = "--rating-column", paramLabel = "NAME", defaultValue = "Rating",
      description = "Column holding the stars, 1 to 5 (default ${DEFAULT-VALUE}).")
  String ratingColumn;

  @Option(names = "--train-file", paramLabel = "CSV", description = "Train the head on these rated reviews (same"
      + " columns) instead of by k-fold on --reviews-file.")
  Path trainFile;

  @Option(names = "--group-column", paramLabel = "NAME", description = "k-fold by this column (e.g. 'Clothing ID'):"
      + " one product's reviews never sit on both sides.")
  String groupColumn;

  @Option(names = "--folds", defaultValue = "5", description = "Folds without --train-file (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--nested", description = "Without --train-file: nested cross-validation. Outer folds (by"
      + " --group-column) give the figures; inner folds within each outer fold's training reviews choose the pooling"
      + " (sentences or text) and the head's L2 penalty (--lambdas).")
  boolean nested;

  @Option(names = "--lambdas", split = ",", defaultValue = "0.1,0.3,1,3", paramLabel = "L,L",
      description = "L2 penalties the inner folds of --nested choose from (default ${DEFAULT-VALUE}).")
  List<Double> lambdas;

  @Option(names = "--curve", split = ",", defaultValue = "100,250,500", paramLabel = "N,N",
      description = "Also train the head on only N rated reviews, to show how it improves (default ${DEFAULT-VALUE}).")
  List<Integer> curve;

  @Option(names = "--json", description = "Print the --reviews-file report as JSON.")
  boolean json;

  @Option(names = "--reviews", defaultValue = "2000", description = "Generated reviews to score (default ${DEFAULT-VALUE}).")
  int reviews;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated reviews (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--retail", paramLabel = "CSV", description = "UCI Online Retail CSV: classify its distinct Description values.")
  Path retail;

  @Option(names = "--sample", defaultValue = "30", description = "Products shown from --retail (default ${DEFAULT-VALUE}).")
  int sample;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws IOException {
    final PrintStream out = System.out;
    final SegstreamConfig.Text text = config.load().text();
    if (reviewsFile != null) {
      return ratedReviews(text);
    }
    try (SentenceEncoder encoder = TextModels.encoder(text)) {
      final TextModels models = TextModels.of(text, encoder);
      out.printf(Locale.ROOT, "model %s, signal scale %.1f, category threshold %.2f%n", encoder.description(),
          text.signalScale(), text.similarityThreshold());
      reviews(out, models);
      catalogue(out, models);
      if (retail != null) {
        retail(out, models, text.maxChars());
      }
    }
    return 0;
  }

  private int ratedReviews(final SegstreamConfig.Text text) throws IOException {
    if (folds < 2 && trainFile == null) {
      throw new SegstreamCommand.UsageError("--folds must be at least 2 (or give a --train-file)");
    }
    if (nested && trainFile != null) {
      throw new SegstreamCommand.UsageError("--nested cross-validates one file; drop --train-file or --nested");
    }
    if (lambdas.isEmpty() || lambdas.stream().anyMatch(l -> !(l >= 0))) {
      throw new SegstreamCommand.UsageError("--lambdas must be penalties >= 0, e.g. 0.1,0.3,1");
    }
    final List<String> columns = textColumns == null || textColumns.isEmpty() ? List.of("Review Text") : textColumns;
    final Optional<String> group = Optional.ofNullable(groupColumn);
    final RatedReviewsFile.Contents test = RatedReviewsFile.read(reviewsFile, columns, ratingColumn, group,
        text.maxChars());
    final Optional<RatedReviewsFile.Contents> train = Optional.ofNullable(trainFile)
        .map(f -> RatedReviewsFile.read(f, columns, ratingColumn, Optional.empty(), text.maxChars()));
    if (test.reviews().isEmpty()) {
      throw new SegstreamCommand.UsageError(reviewsFile + " has no review with usable text in " + columns);
    }
    final PrintStream progress = System.err;
    try (SentenceEncoder encoder = TextModels.encoder(text)) {
      final TextModels models = TextModels.of(text, encoder);
      final RatedReviewEvaluation evaluation = new RatedReviewEvaluation(encoder, models.reviews(),
          new SentimentHeadTrainer(), text.batchSize(), progress);
      progress.printf(Locale.ROOT, "embedding %,d reviews from %s (batches of %d, %d thread(s))%n", test.reviews().size(),
          reviewsFile.getFileName(), text.batchSize(), text.threads());
      final RatedReviewEvaluation.Embedded embedded = evaluation.embed("reviews", test.reviews());
      final RatedReviewEvaluation.Report report;
      if (train.isPresent()) {
        if (!SentimentHeadTrainer.trainable(train.get().reviews().stream()
            .map(r -> new io.segstream.text.RatedEmbedding(new float[] {1}, r.stars())).toList())) {
          throw new SegstreamCommand.UsageError(trainFile + " needs reviews with at least three different star ratings");
        }
        final RatedReviewEvaluation.Embedded trainEmbedded = evaluation.embed("training reviews", train.get().reviews());
        report = evaluation.heldOut(embedded, trainEmbedded, test.skipped(), curve, seed);
      } else if (nested) {
        final String configured = RatedReviewEvaluation.pooling(models.reviews().embedder());
        final Map<String, RatedReviewEvaluation.Embedded> byPooling = new java.util.LinkedHashMap<>();
        byPooling.put(configured, embedded);
        final Embedder other = configured.equals("sentences") ? encoder : new SentencePooledEmbedder(encoder);
        progress.printf("embedding them again with pooling %s, for the inner folds to choose from%n",
            RatedReviewEvaluation.pooling(other));
        byPooling.put(RatedReviewEvaluation.pooling(other), evaluation.embed("reviews", test.reviews(), other));
        report = evaluation.nested(byPooling, configured, test.skipped(), folds, lambdas, curve, seed);
      } else {
        report = evaluation.kFold(embedded, test.skipped(), folds, curve, seed);
      }
      if (json) {
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        RatedReviewReport.print(System.out, report);
      }
    }
    return 0;
  }

  private void reviews(final PrintStream out, final TextModels models) {
    final ShopCatalog catalog = ShopCatalog.generate(seed, ShopCatalog.DEFAULT_SIZE);
    final SplittableRandom rng = new SplittableRandom(seed);
    final ReviewTopic[] topics = ReviewTopic.values();
    final List<WrittenReview> written = new ArrayList<>(reviews);
    for (int i = 0; i < reviews; i++) {
      final CatalogProduct p = catalog.products().get(rng.nextInt(catalog.size()));
      written.add(ReviewTexts.write(topics[i % topics.length], p, rng));
    }
    final long start = System.nanoTime();
    final List<ReviewSignals> signals = models.reviews().score(written.stream().map(WrittenReview::text).toList());
    final double seconds = (System.nanoTime() - start) / 1e9;

    final double[] stars = written.stream().mapToDouble(WrittenReview::rating).toArray();
    final double[] sentiment = signals.stream().mapToDouble(ReviewSignals::sentiment).toArray();
    out.printf(Locale.ROOT, "%n== review signals: %d generated reviews, topics in equal shares (%.1f s, %.0f texts/s)%n",
        reviews, seconds, reviews / seconds);
    out.printf(Locale.ROOT, "sentiment vs stars: Pearson %.3f, Spearman %.3f%n", TextAgreement.pearson(sentiment, stars),
        TextAgreement.spearman(sentiment, stars));
    for (int s = 1; s <= 5; s++) {
      final int star = s;
      final double[] at = java.util.stream.IntStream.range(0, reviews).filter(i -> stars[i] == star)
          .mapToDouble(i -> sentiment[i]).toArray();
      out.printf(Locale.ROOT, "  %d stars: n=%4d  mean sentiment %+.2f%n", s, at.length,
          java.util.Arrays.stream(at).average().orElse(Double.NaN));
    }
    out.println("complaints vs the review's topic (threshold 0.5; AUC is threshold-free):");
    out.println("  signal    positives  precision  recall   F1     AUC");
    for (final ReviewTopic.Aspect aspect : List.of(ReviewTopic.Aspect.DELIVERY, ReviewTopic.Aspect.QUALITY,
        ReviewTopic.Aspect.PRICE)) {
      final boolean[] truth = new boolean[reviews];
      final double[] score = new double[reviews];
      for (int i = 0; i < reviews; i++) {
        final ReviewTopic t = written.get(i).topic();
        truth[i] = t.complaint() && t.aspect() == aspect;
        final ReviewSignals r = signals.get(i);
        score[i] = switch (aspect) {
          case DELIVERY -> r.delivery();
          case QUALITY -> r.quality();
          case PRICE -> r.price();
          case NONE -> 0;
        };
      }
      final TextAgreement.Detection d = TextAgreement.detection(score, truth, 0.5);
      out.printf(Locale.ROOT, "  %-9s %9d  %9.3f  %6.3f  %5.3f  %5.3f%n", aspect.name().toLowerCase(Locale.ROOT),
          d.positives(), d.precision(), d.recall(), d.f1(), d.auc());
    }
    out.println("mean signals per topic (sentiment, delivery, quality, price):");
    for (final ReviewTopic t : topics) {
      final double[] m = new double[4];
      int n = 0;
      for (int i = 0; i < reviews; i++) {
        if (written.get(i).topic() == t) {
          final ReviewSignals r = signals.get(i);
          m[0] += r.sentiment();
          m[1] += r.delivery();
          m[2] += r.quality();
          m[3] += r.price();
          n++;
        }
      }
      out.printf(Locale.ROOT, "  %-18s %+.2f  %.2f  %.2f  %.2f%n", t, m[0] / n, m[1] / n, m[2] / n, m[3] / n);
    }
  }

  private void catalogue(final PrintStream out, final TextModels models) {
    final List<CatalogProduct> products = ShopCatalog.generate(seed, ShopCatalog.DEFAULT_SIZE).products();
    final List<CategoryGuess> guesses = models.products().classify(products.stream().map(CatalogProduct::name).toList());
    int right = 0;
    int nearest = 0;
    int other = 0;
    for (int i = 0; i < products.size(); i++) {
      if (guesses.get(i).category().equals(products.get(i).category().id())) {
        right++;
      }
      if (guesses.get(i).nearest().equals(products.get(i).category().id())) {
        nearest++;
      }
      if (guesses.get(i).category().equals("other")) {
        other++;
      }
    }
    out.printf(Locale.ROOT, "%n== categories of the generator's %d product titles: %.1f%% right, %.1f%% other;"
        + " nearest category right for %.1f%%%n", products.size(), 100.0 * right / products.size(),
        100.0 * other / products.size(), 100.0 * nearest / products.size());
  }

  private void retail(final PrintStream out, final TextModels models, final int maxChars) throws IOException {
    final TreeSet<String> names = new TreeSet<>();
    try (BufferedReader r = Files.newBufferedReader(retail, StandardCharsets.UTF_8)) {
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        final List<String> cols = csv(line);
        if (cols.size() > 2 && TextInput.check(cols.get(2), maxChars) instanceof TextInput.Usable u) {
          names.add(u.text());
        }
      }
    }
    final List<String> distinct = new ArrayList<>(names);
    final long start = System.nanoTime();
    final List<CategoryGuess> guesses = models.products().classify(distinct);
    final double seconds = (System.nanoTime() - start) / 1e9;
    final Map<String, Integer> counts = new TreeMap<>();
    guesses.forEach(g -> counts.merge(g.category(), 1, Integer::sum));
    out.printf(Locale.ROOT, "%n== categories of %,d distinct product descriptions in %s (%.1f s)%n", distinct.size(),
        retail.getFileName(), seconds);
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e ->
        out.printf(Locale.ROOT, "  %-12s %5d  %5.1f%%%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / distinct.size()));
    final List<Integer> idx = new ArrayList<>(java.util.stream.IntStream.range(0, distinct.size()).boxed().toList());
    Collections.shuffle(idx, new java.util.Random(seed));
    out.printf("sample of %d (category, nearest category, cosine):%n", Math.min(sample, idx.size()));
    for (final int i : idx.subList(0, Math.min(sample, idx.size()))) {
      final CategoryGuess g = guesses.get(i);
      out.printf(Locale.ROOT, "  %-40s %-12s %-12s %.3f%n", distinct.get(i), g.category(), g.nearest(), g.score());
    }
  }

  /** One CSV line: commas separate, double quotes enclose, "" inside quotes is a quote. */
  static List<String> csv(final String line) {
    final List<String> cols = new ArrayList<>();
    final StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      final char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cur.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cols.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    cols.add(cur.toString());
    return cols;
  }
}
