package io.segstream.streams.text;

import io.segstream.avro.EventType;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.ReviewSignalScorer;
import io.segstream.text.LanguageGuess;
import io.segstream.text.RatedEmbedding;
import io.segstream.text.ReviewSignals;
import io.segstream.text.SentimentHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers reviews in a changelogged store and, per full batch or after the longest allowed wait, scores
 * them all with one model run and emits one REVIEW_SIGNALS event per review: same user (key), the
 * review's event time, {@code review.signals} set, no rating, text or session. The buffer, its removal
 * and the outputs belong to one transaction under exactly-once: a crash with a partial batch loses and
 * duplicates nothing. An erasure request drops the user's reviews still waiting.
 */
final class ReviewBatcher implements Processor<String, Object, String, Object> {
  static final String NAME = "review-batcher";
  static final String STORE = "text-review-buffer";
  static final String TO_SIGNALS = "review-signals-sink";
  static final String TO_RATINGS = "text-ratings-sink";
  /** Key of every rated example: it carries no user, so an erasure has nothing to find there. */
  static final String RATING_KEY = "rating";
  private static final Logger LOG = LoggerFactory.getLogger(ReviewBatcher.class);

  /** What the deletions topic turns into on its way here. */
  enum Erasure { REQUESTED }

  private final ReviewSignalScorer scorer;
  private final TextMetrics metrics;
  private final LongSupplier wallClock;
  private final BatchTrigger trigger;
  private final boolean learn;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, UserEvent> buffer;
  private Optional<CurrentHead> head = Optional.empty();
  private long nextSeq;

  ReviewBatcher(final SegstreamConfig.Text settings, final ReviewSignalScorer scorer, final TextMetrics metrics,
      final LongSupplier wallClock) {
    this.scorer = scorer;
    this.metrics = metrics;
    this.wallClock = wallClock;
    this.trigger = new BatchTrigger(settings.batchSize(), settings.maxBatchWait().toMillis());
    this.learn = settings.head().enabled();
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
    this.buffer = context.getStateStore(STORE);
    if (learn) {
      head = Optional.of(new CurrentHead(context.getStateStore(HeadStoreLoader.STORE), scorer.embedder().dimension()));
    }
    int restored = 0;
    try (KeyValueIterator<String, UserEvent> it = buffer.all()) {
      while (it.hasNext()) {
        nextSeq = Math.max(nextSeq, Long.parseLong(it.next().key) + 1);
        restored++;
      }
    }
    trigger.restored(restored, wallClock.getAsLong());
    if (restored > 0) {
      LOG.info("task {}: {} buffered review(s) restored; they go out with the next batch", context.taskId(), restored);
    }
    context.schedule(Duration.ofMillis(trigger.checkIntervalMs()), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (trigger.due(now)) {
        flush();
      }
    });
  }

  @Override
  public void process(final Record<String, Object> record) {
    switch (record.value()) {
      case UserEvent review -> {
        // Zero-padded, so the store's key order is arrival order.
        buffer.put("%020d".formatted(nextSeq++), review);
        trigger.added(wallClock.getAsLong());
        if (trigger.full()) {
          flush();
        }
      }
      case Erasure e -> purge(record.key());
      default -> throw new IllegalStateException("unexpected input " + record.value().getClass());
    }
  }

  private void purge(final String userId) {
    final List<String> drop = new ArrayList<>();
    try (KeyValueIterator<String, UserEvent> it = buffer.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value.getUserId().equals(userId)) {
          drop.add(kv.key);
        }
      });
    }
    drop.forEach(buffer::delete);
    trigger.removed(drop.size());
  }

  private void flush() {
    final List<KeyValue<String, UserEvent>> batch = new ArrayList<>(trigger.pending());
    try (KeyValueIterator<String, UserEvent> it = buffer.all()) {
      it.forEachRemaining(batch::add);
    }
    trigger.flushed();
    if (batch.isEmpty()) {
      return;
    }
    final List<String> texts = batch.stream().map(kv -> kv.value.getReview().getText()).toList();
    texts.forEach(text -> metrics.language(LanguageGuess.of(text)));
    final Optional<SentimentHead> current = head.flatMap(CurrentHead::get);
    final long start = System.nanoTime();
    final List<float[]> vectors = embed(texts);
    final List<ReviewSignals> signals = new ArrayList<>(vectors.size());
    for (final float[] v : vectors) {
      signals.add(v == null ? null : scorer.scoreEmbedded(List.of(v), current).getFirst());
    }
    metrics.batch(TextMetrics.Kind.REVIEW, texts.size(), System.nanoTime() - start);
    final long now = wallClock.getAsLong();
    int emitted = 0;
    int rated = 0;
    for (int i = 0; i < batch.size(); i++) {
      final KeyValue<String, UserEvent> kv = batch.get(i);
      buffer.delete(kv.key);
      if (signals.get(i) == null) {
        continue;
      }
      final UserEvent review = kv.value;
      final Integer stars = review.getReview().getRating();
      if (learn && stars != null && stars >= 1 && stars <= 5) {
        context.forward(new Record<String, Object>(RATING_KEY, new RatedEmbedding(vectors.get(i), stars).toBytes(), now),
            TO_RATINGS);
        rated++;
      }
      final UserEvent out = UserEvent.newBuilder()
          .setUserId(review.getUserId()).setType(EventType.REVIEW_SIGNALS).setTimestamp(review.getTimestamp())
          .setEventId(review.getEventId() == null ? null : review.getEventId() + "/signals")
          .setProduct(review.getProduct())
          .setReview(Review.newBuilder().setSignals(signals.get(i).asMap()).build())
          .build();
      context.forward(new Record<String, Object>(review.getUserId(), out, now), TO_SIGNALS);
      emitted++;
    }
    metrics.signalsEmitted(emitted);
    metrics.sentimentSource(current, emitted);
    metrics.ratingsLearned(rated);
  }

  /** Embeds the batch; if the model fails on it, text by text, so one bad text costs only itself (null). */
  private List<float[]> embed(final List<String> texts) {
    try {
      return scorer.embedder().embed(texts);
    } catch (final RuntimeException batchFailure) {
      LOG.warn("embedding a batch of {} reviews failed ({}); retrying one by one", texts.size(), batchFailure.getMessage());
      final List<float[]> out = new ArrayList<>(texts.size());
      for (final String text : texts) {
        try {
          out.add(scorer.embedder().embed(List.of(text)).getFirst());
        } catch (final RuntimeException e) {
          metrics.skipped(TextMetrics.Kind.REVIEW, "model_error");
          out.add(null);
        }
      }
      return out;
    }
  }
}
