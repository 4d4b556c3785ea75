package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.generator.ReviewTexts;
import io.segstream.generator.ReviewTopic;
import io.segstream.generator.ShopCatalog;
import io.segstream.text.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Texts per second of the sentence encoder on this machine, per batch size (generated review texts). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the sentence encoder's texts/s on this machine for several batch sizes.")
final class TextBenchCommand implements Callable<Integer> {
  @Option(names = "--texts", defaultValue = "1024", description = "Texts embedded per measurement (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,16,64", description = "Batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "ONNX Runtime threads (default ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() {
    final SegstreamConfig.Text text = config.load().text();
    final ShopCatalog catalog = ShopCatalog.generate(1, ShopCatalog.DEFAULT_SIZE);
    final SplittableRandom rng = new SplittableRandom(1);
    final List<String> corpus = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      corpus.add(ReviewTexts.write(ReviewTopic.values()[i % ReviewTopic.values().length],
          catalog.products().get(rng.nextInt(catalog.size())), rng).text());
    }
    System.out.printf(Locale.ROOT, "%d review texts (mean %.0f chars), %d cores%n", texts,
        corpus.stream().mapToInt(String::length).average().orElse(0), Runtime.getRuntime().availableProcessors());
    System.out.println("threads  batch  texts/s  ms/batch");
    for (final int t : threads) {
      for (final int b : batchSizes) {
        try (SentenceEncoder encoder = SentenceEncoder.load(text.modelPath(), new SentenceEncoder.Options(b, t))) {
          encoder.embed(corpus.subList(0, Math.min(corpus.size(), 4 * b))); // warm-up
          final long start = System.nanoTime();
          // One call per batch, as the text stage makes them.
          for (int from = 0; from < corpus.size(); from += b) {
            encoder.embed(corpus.subList(from, Math.min(corpus.size(), from + b)));
          }
          final double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "%7d  %5d  %7.0f  %8.1f%n", t, b, texts / seconds,
              1000 * seconds / Math.ceil((double) texts / b));
        }
      }
    }
    return 0;
  }
}
