package io.segstream.updater;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdaterMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void reportsTrainingModelAndStateAndRemovesItsMetersOnClose() {
    final UpdaterMetrics m = new UpdaterMetrics(registry, "default");
    m.trained(300);
    m.trained(100);
    m.batch();
    m.rejected(ModelTrainer.BAD_VECTOR);
    m.rejected(ModelTrainer.BAD_VECTOR);
    m.bootstrapProgress(150, 300);
    m.active(true);
    m.lag(42);
    final Segmentation model = new Segmentation("default", 7, 1, "fs", List.of("a", "b"),
        new Scaler(new double[2], new double[] {1, 1}),
        List.of(new Segment(0, "A", "a", new double[] {0, 0}, 10, 0.02, 1),
            new Segment(1, "B", "b", new double[] {1, 1}, 10, 0.08, 3)),
        1.5, 400, Instant.EPOCH, 2, Map.of());
    m.model(model, true);

    assertThat(registry.get(UpdaterMetrics.VECTORS_TRAINED).tag("model", "default").counter().count()).isEqualTo(400);
    assertThat(registry.get(UpdaterMetrics.BATCHES).counter().count()).isEqualTo(1);
    assertThat(registry.get(UpdaterMetrics.VECTORS_REJECTED).tag("reason", "bad_vector").counter().count()).isEqualTo(2);
    assertThat(registry.get(UpdaterMetrics.VECTORS_REJECTED).tag("reason", "feature_set_mismatch").counter().count())
        .isZero();
    assertThat(registry.get(UpdaterMetrics.BOOTSTRAP_PROGRESS).gauge().value()).isEqualTo(0.5);
    assertThat(registry.get(UpdaterMetrics.ACTIVE).gauge().value()).isEqualTo(1);
    assertThat(registry.get(UpdaterMetrics.LAG).gauge().value()).isEqualTo(42);
    assertThat(registry.get(UpdaterMetrics.MODEL_VERSION).gauge().value()).isEqualTo(7);
    assertThat(registry.get(UpdaterMetrics.MODEL_INERTIA).gauge().value()).isEqualTo(1.5);
    assertThat(registry.get(UpdaterMetrics.MODEL_SEGMENTS).gauge().value()).isEqualTo(2);
    assertThat(registry.get(UpdaterMetrics.CENTROID_DRIFT).summary().max()).isEqualTo(0.08);

    m.active(false);
    assertThat(registry.get(UpdaterMetrics.ACTIVE).gauge().value()).isZero();
    assertThat(registry.get(UpdaterMetrics.LAG).gauge().value()).as("no lag on standby").isNaN();

    m.close();
    assertThat(registry.getMeters()).isEmpty();
    // A successor registers fresh meters bound to itself.
    final UpdaterMetrics next = new UpdaterMetrics(registry, "default");
    next.active(true);
    assertThat(registry.get(UpdaterMetrics.ACTIVE).gauge().value()).isEqualTo(1);
    next.close();
  }
}
