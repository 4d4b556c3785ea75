package io.segstream.updater;

import io.segstream.avro.FeatureVector;
import io.segstream.avro.VectorSource;
import io.segstream.schemas.AvroSerdes;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one record of the training topic means to the trainer. A tombstone forgets the user (the streams app erased
 * or expired them); a sample from the sweep updates the population sample and trains only if it is new; a vector
 * taken at an event trains only while bootstrapping, unless {@code updater.event-vectors=always} (taken at events,
 * recency is 0 and active users are over-represented; the sweep's uniform sample is the better teacher). Records
 * that do not decode are counted and logged, never thrown: one bad record must not stop training.
 */
final class VectorIntake {
  private static final Logger LOG = LoggerFactory.getLogger(VectorIntake.class);

  private final boolean eventVectorsAlways;
  private final UpdaterMetrics metrics;
  private final RejectionLog undecodable;

  VectorIntake(final boolean eventVectorsAlways, final UpdaterMetrics metrics, final Clock clock,
      final String modelName) {
    this.eventVectorsAlways = eventVectorsAlways;
    this.metrics = metrics;
    this.undecodable = new RejectionLog(LOG, clock, modelName);
  }

  void take(final ConsumerRecord<String, byte[]> r, final ModelTrainer trainer) {
    final byte[] bytes = r.value();
    if (bytes == null) {
      if (r.key() != null) {
        trainer.forget(r.key()); // the streams app erased or expired the user
      } else {
        reject(r, "empty value");
      }
      return;
    }
    final FeatureVector v;
    try {
      v = AvroSerdes.FEATURE_VECTOR.decode(bytes);
    } catch (final RuntimeException e) {
      reject(r, e.getMessage());
      return;
    }
    if (v.getSource() == VectorSource.EVENT && !trainer.bootstrapping() && !eventVectorsAlways) {
      metrics.skippedEventVector();
      return;
    }
    if (v.getSource() == VectorSource.SAMPLE) {
      if (!trainer.offerSample(r.key() == null ? v.getUserId() : r.key(), v.getFeatureSet(), v.getValues())) {
        metrics.unchangedSample();
      }
      return;
    }
    trainer.offer(v.getFeatureSet(), v.getValues());
  }

  private void reject(final ConsumerRecord<String, byte[]> r, final String why) {
    metrics.rejected(UpdaterMetrics.UNDECODABLE);
    undecodable.rejected(UpdaterMetrics.UNDECODABLE, r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + why);
  }
}
