package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.generator.ReviewTexts;
import io.segstream.generator.ReviewTopic;
import io.segstream.generator.ShopCatalog;
import io.segstream.text.Embedder;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentencePooledEmbedder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Texts per second of the sentence encoder on this machine, per model, token limit, thread count and batch
 * size: on generated review texts, or on real reviews from a CSV file. Besides wall-clock texts/s it reports
 * texts per CPU-second of the calling thread, which with one ONNX thread is the model's own cost and holds
 * on a machine shared with other work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the sentence encoder's texts/s on this machine (models, token limits, threads, batch sizes).")
final class TextBenchCommand implements Callable<Integer> {
  @Option(names = "--texts", defaultValue = "1024", description = "Texts embedded per measurement (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,16,64", description = "Batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "ONNX Runtime threads (default ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(names = "--models", split = ",", paramLabel = "NAME,NAME", description = "Bundled models to compare"
      + " (default: text.model; text.model-path, when set, is the only one).")
  List<String> models;

  @Option(names = "--max-tokens", split = ",", paramLabel = "N,N", description = "Token limits to compare"
      + " (default: text.max-tokens).")
  List<Integer> maxTokens;

  @Option(names = "--call-size", defaultValue = "0", paramLabel = "N", description = "Texts handed to the encoder per"
      + " call, as the stage's text.batch-size; each call is sorted by length and run in batches of the batch size"
      + " (default: the batch size, one run per call).")
  int callSize;

  @Option(names = "--pooling", split = ",", paramLabel = "P,P", description = "Review poolings to compare: sentences"
      + " (each sentence one model input) or text (the whole review at once) (default: text.pooling).")
  List<String> poolings;

  @Option(names = "--reviews-file", paramLabel = "CSV", description = "Real review texts from this CSV instead of"
      + " generated ones (the first --texts usable rows).")
  Path reviewsFile;

  @Option(names = "--text-column", paramLabel = "NAME", defaultValue = "Review Text",
      description = "Column of --reviews-file holding the text (default ${DEFAULT-VALUE}).")
  String textColumn;

  @Option(names = "--rating-column", paramLabel = "NAME", defaultValue = "Rating",
      description = "Column of --reviews-file holding the stars (default ${DEFAULT-VALUE}).")
  String ratingColumn;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() {
    final SegstreamConfig.Text text = config.load().text();
    final List<String> corpus = corpus(text);
    final List<String> modelNames = text.modelPath().isPresent() ? List.of(text.modelPath().get().toString())
        : models == null || models.isEmpty() ? List.of(text.model()) : models;
    final List<Integer> limits = maxTokens == null || maxTokens.isEmpty() ? List.of(text.maxTokens()) : maxTokens;
    final List<String> pools = poolings == null || poolings.isEmpty()
        ? List.of(text.sentencePooling() ? "sentences" : "text") : poolings;
    if (!List.of("sentences", "text").containsAll(pools)) {
      throw new SegstreamCommand.UsageError("--pooling takes sentences and/or text, got " + pools);
    }
    System.out.printf(Locale.ROOT, "%d %s texts (mean %.0f chars), %d cores%n", corpus.size(),
        reviewsFile == null ? "generated review" : "real review", corpus.stream().mapToInt(String::length).average()
            .orElse(0), Runtime.getRuntime().availableProcessors());
    System.out.printf("model                  pooling    tokens  threads  batch  texts/s  texts/cpu-s  ms/batch"
        + "  mean tokens  tokenizing  (%s)%n", callSize > 0 ? callSize + " texts per call, sorted by length"
        : "one batch per call");
    final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (final String model : modelNames) {
      for (final String pooling : pools) {
        for (final int limit : limits) {
          for (final int t : threads) {
            for (final int b : batchSizes) {
              try (SentenceEncoder encoder = SentenceEncoder.load(text.modelPath(), model,
                  new SentenceEncoder.Options(b, t, limit, text.tailTokens()))) {
                final boolean bySentence = pooling.equals("sentences");
                final Embedder embedder = bySentence ? new SentencePooledEmbedder(encoder) : encoder;
                embedder.embed(corpus.subList(0, Math.min(corpus.size(), 4 * b))); // warm-up
                final long cpuStart = cpu.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                // One call per stage batch, as the text stage makes them.
                final int call = callSize > 0 ? callSize : b;
                for (int from = 0; from < corpus.size(); from += call) {
                  embedder.embed(corpus.subList(from, Math.min(corpus.size(), from + call)));
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                final double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                // Tokenizing alone (the same splitting and word pieces as above), to show where the time goes.
                final List<String> inputs = bySentence
                    ? corpus.stream().flatMap(c -> SentencePooledEmbedder.sentences(c).stream()).toList() : corpus;
                final long tokStart = cpu.getCurrentThreadCpuTime();
                final long tokens = inputs.stream().mapToLong(encoder::tokenCount).sum();
                final double tokCpu = (cpu.getCurrentThreadCpuTime() - tokStart) / 1e9;
                System.out.printf(Locale.ROOT, "%-22s %-9s %6d  %7d  %5d  %7.0f  %11.0f  %8.1f  %11.1f  %9.1f%%%n",
                    model.length() > 22 ? model.substring(model.length() - 22) : model, pooling,
                    encoder.maxTokens(), t, b, corpus.size() / seconds, t == 1 ? corpus.size() / cpuSeconds : Double.NaN,
                    1000 * seconds / Math.ceil((double) corpus.size() / b), (double) tokens / corpus.size(),
                    t == 1 ? 100 * tokCpu / cpuSeconds : Double.NaN);
              }
            }
          }
        }
      }
    }
    return 0;
  }

  private List<String> corpus(final SegstreamConfig.Text text) {
    if (reviewsFile != null) {
      final List<String> all = RatedReviewsFile.read(reviewsFile, List.of(textColumn), ratingColumn, Optional.empty(),
          text.maxChars()).reviews().stream().map(RatedReview::text).toList();
      return all.subList(0, Math.min(texts, all.size()));
    }
    final ShopCatalog catalog = ShopCatalog.generate(1, ShopCatalog.DEFAULT_SIZE);
    final SplittableRandom rng = new SplittableRandom(1);
    final List<String> out = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      out.add(ReviewTexts.write(ReviewTopic.values()[i % ReviewTopic.values().length],
          catalog.products().get(rng.nextInt(catalog.size())), rng).text());
    }
    return out;
  }
}
