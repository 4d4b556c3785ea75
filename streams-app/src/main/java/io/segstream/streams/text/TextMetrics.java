package io.segstream.streams.text;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.segstream.text.Embedder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The text stage's metrics (segstream.text.*): texts embedded and how long each batch took, per kind of
 * text (review, product), plus what was skipped or cut. Thread-safe; meters are looked up once.
 */
public final class TextMetrics {
  /** The two kinds of text the stage reads; a metric tag. */
  public enum Kind {
    REVIEW, PRODUCT;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Map<Kind, Counter> texts = new ConcurrentHashMap<>();
  private final Map<Kind, Timer> batchTime = new ConcurrentHashMap<>();
  private final Map<Kind, DistributionSummary> batchSize = new ConcurrentHashMap<>();
  private final Map<Kind, AtomicLong> throughput = new ConcurrentHashMap<>();
  private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
  private final Map<String, Counter> categories = new ConcurrentHashMap<>();
  private final Counter truncatedChars;
  private final Counter signals;
  private final Counter byHead;
  private final Counter byAnchors;
  private final Counter ratings;
  private final Timer headTraining;
  private final Counter headTrainingFailures;
  private final Map<io.segstream.text.LanguageGuess.Verdict, Counter> languages = new ConcurrentHashMap<>();
  private final AtomicLong headVersion = new AtomicLong();
  private final AtomicLong headRatings = new AtomicLong();

  public TextMetrics(final MeterRegistry registry, final Embedder embedder) {
    this.registry = registry;
    for (final Kind k : Kind.values()) {
      texts.put(k, Counter.builder("segstream.text.texts").description("Texts embedded by the text stage")
          .tag("kind", k.tag()).register(registry));
      batchTime.put(k, Timer.builder("segstream.text.batch.latency")
          .description("Time to embed and score one batch of texts").tag("kind", k.tag())
          .publishPercentiles(0.5, 0.99).minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30)).register(registry));
      batchSize.put(k, DistributionSummary.builder("segstream.text.batch.size").description("Texts per batch")
          .tag("kind", k.tag()).register(registry));
      final AtomicLong latestBits = new AtomicLong(Double.doubleToLongBits(0.0));
      throughput.put(k, latestBits);
      Gauge.builder("segstream.text.throughput", latestBits, b -> Double.longBitsToDouble(b.get()))
          .description("Texts per second while embedding the latest batch").tag("kind", k.tag()).register(registry);
    }
    truncatedChars = Counter.builder("segstream.text.inputs.truncated")
        .description("Texts cut: to text.max-chars (chars) or to the model's input length (tokens)")
        .tag("limit", "chars").register(registry);
    FunctionCounter.builder("segstream.text.inputs.truncated", embedder, Embedder::truncatedTexts)
        .description("Texts cut: to text.max-chars (chars) or to the model's input length (tokens)")
        .tag("limit", "tokens").register(registry);
    signals = Counter.builder("segstream.text.signals.emitted").description("REVIEW_SIGNALS events emitted")
        .register(registry);
    byHead = Counter.builder("segstream.text.sentiment.source").description("Reviews whose sentiment came from the"
        + " learned head or, before it was trained, from the anchors").tag("source", "head").register(registry);
    byAnchors = Counter.builder("segstream.text.sentiment.source").description("Reviews whose sentiment came from the"
        + " learned head or, before it was trained, from the anchors").tag("source", "anchors").register(registry);
    ratings = Counter.builder("segstream.text.ratings.learned")
        .description("Rated reviews sent to the sentiment head's learner").register(registry);
    headTraining = Timer.builder("segstream.text.sentiment.head.training")
        .description("Time to train one version of the sentiment head").register(registry);
    headTrainingFailures = Counter.builder("segstream.text.sentiment.head.training.failures")
        .description("Training runs of the sentiment head that failed (the previous head stays)").register(registry);
    Gauge.builder("segstream.text.sentiment.head.version", headVersion, AtomicLong::get)
        .description("Version of the sentiment head in use; 0 = none yet, the anchors give sentiment")
        .register(registry);
    Gauge.builder("segstream.text.sentiment.head.ratings", headRatings, AtomicLong::get)
        .description("Rated reviews seen when the sentiment head in use was trained").register(registry);
    // Complaints have no labels to learn from (a star rating does not say what went wrong), so they are always
    // the anchors' zero-shot scores; said here so a dashboard can show which signals are learned.
    for (final String complaint : java.util.List.of("delivery", "quality", "price")) {
      Gauge.builder("segstream.text.complaint.source", () -> 1).tag("signal", complaint).tag("source", "anchors")
          .description("Where a complaint signal comes from (always 1): anchors = zero-shot, no labels to learn from")
          .register(registry);
    }
  }

  /** {@code n} reviews scored, with this head or, when empty, by the anchors. */
  public void sentimentSource(final java.util.Optional<io.segstream.text.SentimentHead> head, final int n) {
    head.ifPresentOrElse(h -> {
      byHead.increment(n);
      headVersion.set(h.version());
      headRatings.set(h.ratingsSeen());
    }, () -> byAnchors.increment(n));
  }

  /** One review's language, as far as {@link io.segstream.text.LanguageGuess} can tell. */
  public void language(final io.segstream.text.LanguageGuess.Verdict verdict) {
    languages.computeIfAbsent(verdict, v -> Counter.builder("segstream.text.reviews.language")
        .description("Reviews by language: english, other (the bundled model is English-only; see text.model-path)"
            + " or too_short to tell").tag("language", v.tag()).register(registry)).increment();
  }

  public void ratingsLearned(final int n) {
    ratings.increment(n);
  }

  public void headTrained(final long nanos) {
    headTraining.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void headTrainingFailed() {
    headTrainingFailures.increment();
  }

  /** One batch of {@code n} texts embedded in {@code nanos}. */
  public void batch(final Kind kind, final int n, final long nanos) {
    texts.get(kind).increment(n);
    batchTime.get(kind).record(nanos, TimeUnit.NANOSECONDS);
    batchSize.get(kind).record(n);
    throughput.get(kind).set(Double.doubleToLongBits(nanos > 0 ? n * 1e9 / nanos : 0.0));
  }

  public void skipped(final Kind kind, final String reason) {
    skipped.computeIfAbsent(kind.tag() + '\u0000' + reason, k -> Counter.builder("segstream.text.inputs.skipped")
        .description("Inputs the text stage could not use: empty, non_text, invalid or malformed")
        .tag("kind", kind.tag()).tag("reason", reason).register(registry)).increment();
  }

  public void truncated() {
    truncatedChars.increment();
  }

  public void signalsEmitted(final int n) {
    signals.increment(n);
  }

  public void categoryDerived(final String category) {
    categories.computeIfAbsent(category, c -> Counter.builder("segstream.text.categories.derived")
        .description("Products classified from their name, by category").tag("category", c).register(registry))
        .increment();
  }
}
