package io.segstream.cli;

import io.segstream.bench.text.TextEncoderBenchmark;
import io.segstream.core.config.SegstreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segstream text bench}: the options of {@link TextEncoderBenchmark} (in the benchmarks module, with every
 * other benchmark), on generated review texts or on real reviews from a CSV file.
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
    final List<String> modelNames = text.modelPath().isPresent() ? List.of(text.modelPath().get().toString())
        : models == null || models.isEmpty() ? List.of(text.model()) : models;
    final List<Integer> limits = maxTokens == null || maxTokens.isEmpty() ? List.of(text.maxTokens()) : maxTokens;
    final List<String> pools = poolings == null || poolings.isEmpty()
        ? List.of(text.sentencePooling() ? "sentences" : "text") : poolings;
    if (!TextEncoderBenchmark.POOLINGS.containsAll(pools)) {
      throw new SegstreamCommand.UsageError("--pooling takes sentences and/or text, got " + pools);
    }
    final TextEncoderBenchmark.Settings settings = new TextEncoderBenchmark.Settings(text.modelPath(), modelNames,
        pools, limits, threads, batchSizes, callSize, text.tailTokens());
    new TextEncoderBenchmark(settings, System.out).run(corpus(text),
        reviewsFile == null ? "generated review" : "real review");
    return 0;
  }

  private List<String> corpus(final SegstreamConfig.Text text) {
    if (reviewsFile == null) {
      return TextEncoderBenchmark.generatedReviews(texts);
    }
    final List<String> all = RatedReviewsFile.read(reviewsFile, List.of(textColumn), ratingColumn, Optional.empty(),
        text.maxChars()).reviews().stream().map(RatedReview::text).toList();
    return all.subList(0, Math.min(texts, all.size()));
  }
}
