package io.segstream.bench;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.updater.ModelTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model updater's trainer ({@link ModelTrainer}: bootstrap, mini-batches, scaler refresh, publication
 * policy) fed in-process. Its publication policy is in seconds; here one second passes per mini-batch, i.e.
 * the updater receives one batch of vectors a second, so {@code updater.publish-interval-seconds} counts
 * batches. What the streams app would use at any moment is the last publication.
 */
final class UpdaterHarness {
  private static final Duration PER_BATCH = Duration.ofSeconds(1);

  private final ModelTrainer trainer;
  private final String featureSet;
  private final SteppingClock clock;
  private final List<Segmentation> publications = new ArrayList<>();
  private long batches;

  UpdaterHarness(final FeatureRegistry registry, final SegstreamConfig config) {
    this.clock = new SteppingClock(Instant.parse("2030-01-01T00:00:00Z"));
    final SegstreamConfig.Updater u = config.updater();
    this.trainer = new ModelTrainer(registry, u.training(),
        new ModelTrainer.PublishPolicy(u.publishMinMovement(), u.publishInterval(), u.publishMinGap()),
        config.modelName(), new SegmentNamer(registry), clock, new ModelTrainer.Listener() {
          @Override
          public void batch() {
            batches++;
            clock.advance(PER_BATCH);
          }
        });
    this.featureSet = registry.featureSetId();
  }

  /** Continues from a published model, as a restarted updater does. */
  UpdaterHarness resume(final Segmentation model) {
    trainer.resume(model);
    publications.add(model);
    return this;
  }

  /** One training vector (transformed, not standardised); publishes when the policy says so. */
  void offer(final double[] vector) {
    trainer.offer(featureSet, vector);
    if (trainer.shouldPublish(clock.instant())) {
      publications.add(trainer.publish(clock.instant()));
    }
  }

  Optional<Segmentation> published() {
    return publications.isEmpty() ? Optional.empty() : Optional.of(publications.getLast());
  }

  /** Every publication so far (a resumed model first), oldest first. */
  List<Segmentation> publications() {
    return List.copyOf(publications);
  }

  long batches() {
    return batches;
  }

  long trainedVectors() {
    return trainer.trainedVectors();
  }
}
