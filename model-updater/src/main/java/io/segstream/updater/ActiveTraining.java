package io.segstream.updater;

import io.segstream.core.model.Segmentation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active updater's work, from becoming active to stepping down: read training vectors, train, and publish
 * each new model version together with the positions it was trained up to, in one transaction, so a successor
 * resumes exactly where the published model left off. Everything trained since the last publication lives only
 * here: stepping down ({@link #close()}) drops it, and {@link #unpublished} says how much that was.
 *
 * <p>Kafka failures propagate to the caller, which decides between retrying and standing by (fenced).
 * Used by the updater's thread only.
 */
final class ActiveTraining implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveTraining.class);
  private static final Duration MAX_POLL = Duration.ofMillis(100);

  private final ModelTrainer trainer;
  private final ModelPublisher publisher;
  private final TrainingStream stream;
  private final VectorIntake intake;
  private final UpdaterMetrics metrics;
  private final Clock clock;
  private final Duration maxBatchWait;
  private final Duration pollTimeout;
  private long pendingSince;

  /** Takes over {@code publisher} (initialised) and starts {@code stream} afresh at the committed positions. */
  ActiveTraining(final ModelTrainer trainer, final ModelPublisher publisher, final TrainingStream stream,
      final VectorIntake intake, final UpdaterMetrics metrics, final Clock clock, final Duration maxBatchWait) {
    this.trainer = trainer;
    this.publisher = publisher;
    this.stream = stream;
    this.intake = intake;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBatchWait = maxBatchWait;
    this.pollTimeout = maxBatchWait.compareTo(MAX_POLL) < 0 ? maxBatchWait : MAX_POLL;
    stream.restart();
  }

  /** Whether the training topic has partitions to read yet. */
  boolean ready() {
    return stream.ready();
  }

  /**
   * One round: poll and train, train a partial mini-batch that waited {@code maxBatchWait}, refit on the population
   * when due, publish when due, report the lag.
   *
   * @return the model, if this round published one
   */
  Optional<Segmentation> step() {
    for (final ConsumerRecord<String, byte[]> r : stream.poll(pollTimeout)) {
      intake.take(r, trainer);
    }
    flushIfWaited();
    final Instant now = clock.instant();
    if (trainer.populationRefitDue(now)) {
      trainer.refitFromPopulation(now);
    }
    final Optional<Segmentation> published = trainer.shouldPublish(now) ? Optional.of(publish(now))
        : Optional.empty();
    stream.reportLag(metrics);
    return published;
  }

  /** Publishes what was trained since the last publication, if anything: on a clean close, so a successor need not redo it. */
  Optional<Segmentation> publishRest() {
    if (trainer.bootstrapping() || trainer.trainedSinceLastPublication() + trainer.pending() == 0) {
      return Optional.empty();
    }
    return Optional.of(publish(clock.instant()));
  }

  /** Vectors taken since {@code committed}, the last publication that made it to Kafka, or since the bootstrap began. */
  long unpublished(final Optional<Segmentation> committed) {
    if (trainer.bootstrapping()) {
      return trainer.bootstrapCollected();
    }
    final long base = committed.filter(m -> m.generation() == trainer.generation())
        .map(Segmentation::trainedVectors).orElse(0L);
    return Math.max(0, trainer.trainedVectors() - base) + trainer.pending();
  }

  /** Steps down: the publisher is closed and the training partitions released; unpublished training is dropped. */
  @Override
  public void close() {
    try {
      publisher.close();
    } catch (final RuntimeException e) {
      LOG.debug("closing the model publisher failed", e);
    }
    stream.release();
  }

  private void flushIfWaited() {
    if (trainer.pending() == 0) {
      pendingSince = 0;
    } else if (pendingSince == 0) {
      pendingSince = System.nanoTime();
    } else if (System.nanoTime() - pendingSince >= maxBatchWait.toNanos()) {
      trainer.flush();
      pendingSince = 0;
    }
  }

  private Segmentation publish(final Instant now) {
    final Segmentation m = trainer.publish(now);
    publisher.publish(m, stream.positions(), stream.groupMetadata());
    metrics.model(m, true);
    LOG.info("published model '{}' v{} (generation {}): k={}, inertia {}, max drift {}, {} vectors trained",
        m.name(), m.version(), m.generation(), m.k(), String.format(Locale.ROOT, "%.3f", m.inertia()),
        String.format(Locale.ROOT, "%.3f", UpdaterMetrics.maxMovement(m)), m.trainedVectors());
    return m;
  }
}
