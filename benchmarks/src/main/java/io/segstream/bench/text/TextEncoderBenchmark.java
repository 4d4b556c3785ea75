package io.segstream.bench.text;

import io.segstream.generator.ReviewTexts;
import io.segstream.generator.ReviewTopic;
import io.segstream.generator.ShopCatalog;
import io.segstream.text.Embedder;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentencePooledEmbedder;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Texts per second of the sentence encoder on this machine, per model, pooling, token limit, thread count and
 * batch size. Besides wall-clock texts/s it reports texts per CPU-second of the calling thread, which with one ONNX
 * thread is the model's own cost and holds on a machine shared with other work, and the share of that CPU time
 * spent tokenizing (where the time goes).
 */
public final class TextEncoderBenchmark {
  /** The two ways the text stage reads a review. */
  public static final List<String> POOLINGS = List.of("sentences", "text");

  /**
   * What to compare; every combination is one measurement.
   *
   * @param modelPath  a model directory instead of the bundled models (then {@code models} holds its name only)
   * @param tailTokens text.tail-tokens, as the stage reads long reviews
   * @param callSize   texts handed to the encoder per call, as the stage's text.batch-size (0 = one batch per call)
   */
  public record Settings(Optional<Path> modelPath, List<String> models, List<String> poolings, List<Integer> maxTokens,
      List<Integer> threads, List<Integer> batchSizes, int callSize, int tailTokens) {
    public Settings {
      models = List.copyOf(models);
      poolings = List.copyOf(poolings);
      maxTokens = List.copyOf(maxTokens);
      threads = List.copyOf(threads);
      batchSizes = List.copyOf(batchSizes);
      if (!POOLINGS.containsAll(poolings)) {
        throw new IllegalArgumentException("pooling takes sentences and/or text, got " + poolings);
      }
    }
  }

  private final Settings settings;
  private final PrintStream out;

  public TextEncoderBenchmark(final Settings settings, final PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** {@code count} generated review texts, the same every time (fixed seed), over every review topic. */
  public static List<String> generatedReviews(final int count) {
    final ShopCatalog catalog = ShopCatalog.generate(1, ShopCatalog.DEFAULT_SIZE);
    final SplittableRandom rng = new SplittableRandom(1);
    final List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add(ReviewTexts.write(ReviewTopic.values()[i % ReviewTopic.values().length],
          catalog.products().get(rng.nextInt(catalog.size())), rng).text());
    }
    return texts;
  }

  /** Measures every combination of the settings on {@code corpus}, one printed line each. */
  public void run(final List<String> corpus, final String corpusName) {
    out.printf(Locale.ROOT, "%d %s texts (mean %.0f chars), %d cores%n", corpus.size(), corpusName,
        corpus.stream().mapToInt(String::length).average().orElse(0), Runtime.getRuntime().availableProcessors());
    out.printf("model                  pooling    tokens  threads  batch  texts/s  texts/cpu-s  ms/batch"
        + "  mean tokens  tokenizing  (%s)%n", settings.callSize() > 0
        ? settings.callSize() + " texts per call, sorted by length" : "one batch per call");
    for (final String model : settings.models()) {
      for (final String pooling : settings.poolings()) {
        for (final int limit : settings.maxTokens()) {
          for (final int threads : settings.threads()) {
            for (final int batch : settings.batchSizes()) {
              measure(corpus, model, pooling, limit, threads, batch);
            }
          }
        }
      }
    }
  }

  private void measure(final List<String> corpus, final String model, final String pooling, final int limit,
      final int threads, final int batch) {
    final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (SentenceEncoder encoder = SentenceEncoder.load(settings.modelPath(), model,
        new SentenceEncoder.Options(batch, threads, limit, settings.tailTokens()))) {
      final boolean bySentence = pooling.equals("sentences");
      final Embedder embedder = bySentence ? new SentencePooledEmbedder(encoder) : encoder;
      embedder.embed(corpus.subList(0, Math.min(corpus.size(), 4 * batch))); // warm-up
      final long cpuStart = cpu.getCurrentThreadCpuTime();
      final long start = System.nanoTime();
      // One call per stage batch, as the text stage makes them.
      final int call = settings.callSize() > 0 ? settings.callSize() : batch;
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
      out.printf(Locale.ROOT, "%-22s %-9s %6d  %7d  %5d  %7.0f  %11.0f  %8.1f  %11.1f  %9.1f%%%n",
          model.length() > 22 ? model.substring(model.length() - 22) : model, pooling,
          encoder.maxTokens(), threads, batch, corpus.size() / seconds,
          threads == 1 ? corpus.size() / cpuSeconds : Double.NaN,
          1000 * seconds / Math.ceil((double) corpus.size() / batch), (double) tokens / corpus.size(),
          threads == 1 ? 100 * tokCpu / cpuSeconds : Double.NaN);
    }
  }
}
