package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.RatedEmbedding;
import io.segstream.text.SentimentHead;
import io.segstream.text.SentimentHeadTrainer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns the sentiment head from rated reviews (embedding + stars, from every review batcher through the
 * single-partition ratings topic, so one learner sees the whole shop). The most recent
 * {@code text.head.max-examples} are kept in a changelogged store (a ring of slots, plus the counters), so a
 * restart loses nothing. Once {@code text.head.min-ratings} were seen, and then every
 * {@code text.head.retrain-every} more, a new version is trained off the stream thread (smile's L-BFGS takes
 * seconds on thousands of reviews) and, when done, published to the compacted head topic, which every
 * batcher reads through a global store. Until the first version the anchors give sentiment (the cold start).
 */
final class SentimentHeadLearner implements Processor<String, byte[], String, byte[]> {
  static final String NAME = "sentiment-head-learner";
  static final String STORE = "text-head-examples";
  /** The one key of the head topic. */
  static final String HEAD_KEY = "sentiment";
  private static final String STATE_KEY = "state";
  private static final String SLOT_PREFIX = "e/";
  private static final Logger LOG = LoggerFactory.getLogger(SentimentHeadLearner.class);

  /** Ratings seen in all, the latest version published, and ratings since that version was started. */
  private record State(long seen, long version, long pending) {
    byte[] toBytes() {
      return ByteBuffer.allocate(24).putLong(seen).putLong(version).putLong(pending).array();
    }

    static State of(final byte[] b) {
      final ByteBuffer buf = ByteBuffer.wrap(b);
      return new State(buf.getLong(), buf.getLong(), buf.getLong());
    }
  }

  /** A training run in the background and the ratings it accounts for. */
  private record Training(Future<SentimentHead> head, long ratings, long startNanos) {}

  private final SegstreamConfig.Text.Head settings;
  private final SentimentHeadTrainer trainer;
  private final TextMetrics metrics;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> store;
  private ExecutorService executor;
  private State state;
  private Training training;

  SentimentHeadLearner(final SegstreamConfig.Text.Head settings, final SentimentHeadTrainer trainer,
      final TextMetrics metrics) {
    this.settings = settings;
    this.trainer = trainer;
    this.metrics = metrics;
  }

  @Override
  public void init(final ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    final byte[] saved = store.get(STATE_KEY);
    this.state = saved == null ? new State(0, 0, 0) : State.of(saved);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      final Thread t = new Thread(r, "sentiment-head-trainer");
      t.setDaemon(true);
      return t;
    });
    if (state.seen() > 0) {
      LOG.info("sentiment head learner restored: {} ratings seen, version {}, {} since", state.seen(), state.version(),
          state.pending());
    }
    context.schedule(Duration.ofMillis(500), PunctuationType.WALL_CLOCK_TIME, now -> collect());
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    final RatedEmbedding example;
    try {
      example = RatedEmbedding.fromBytes(record.value());
    } catch (final IllegalArgumentException | NullPointerException e) {
      metrics.skipped(TextMetrics.Kind.REVIEW, "bad_rating_example");
      return;
    }
    final long slot = state.seen() % settings.maxExamples();
    store.put(SLOT_PREFIX + "%09d".formatted(slot), example.toBytes());
    state = new State(state.seen() + 1, state.version(), state.pending() + 1);
    store.put(STATE_KEY, state.toBytes());
    maybeTrain();
  }

  private void maybeTrain() {
    if (training != null || state.seen() < settings.minRatings()
        || (state.version() > 0 && state.pending() < settings.retrainEvery())) {
      return;
    }
    final List<RatedEmbedding> examples = new ArrayList<>((int) Math.min(state.seen(), settings.maxExamples()));
    try (KeyValueIterator<String, byte[]> it = store.range(SLOT_PREFIX, SLOT_PREFIX + "~")) {
      it.forEachRemaining(kv -> examples.add(RatedEmbedding.fromBytes(kv.value)));
    }
    // After a change of model (text.model-path), older examples have another width: learn from the current one.
    final String newest = SLOT_PREFIX + "%09d".formatted((state.seen() - 1) % settings.maxExamples());
    final int width = RatedEmbedding.fromBytes(store.get(newest)).vector().length;
    examples.removeIf(e -> e.vector().length != width);
    if (!SentimentHeadTrainer.trainable(examples)) {
      return; // only one kind of rating so far: wait for the other
    }
    final long version = state.version() + 1;
    final long seen = state.seen();
    LOG.info("training sentiment head version {} on {} rated reviews ({} seen)", version, examples.size(), seen);
    training = new Training(executor.submit(() -> trainer.train(examples, version, seen)), state.pending(),
        System.nanoTime());
  }

  /** Publishes a finished training run. */
  private void collect() {
    if (training == null || !training.head().isDone()) {
      return;
    }
    final Training done = training;
    training = null;
    try {
      final SentimentHead head = done.head().get();
      context.forward(new Record<>(HEAD_KEY, head.toBytes(), context.currentSystemTimeMs()));
      state = new State(state.seen(), head.version(), Math.max(0, state.pending() - done.ratings()));
      store.put(STATE_KEY, state.toBytes());
      final long nanos = System.nanoTime() - done.startNanos();
      metrics.headTrained(nanos);
      LOG.info("sentiment head version {} published: trained on {} rated reviews ({} seen) in {} ms", head.version(),
          head.trainedOn(), head.ratingsSeen(), TimeUnit.NANOSECONDS.toMillis(nanos));
    } catch (final ExecutionException e) {
      LOG.warn("training the sentiment head failed; the current head stays: {}", e.getCause().toString());
      metrics.headTrainingFailed();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    maybeTrain();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
