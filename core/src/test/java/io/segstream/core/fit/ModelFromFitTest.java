package io.segstream.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelFromFitTest {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00.123456Z");

  private static FitResult fit() {
    final SplittableRandom r = new SplittableRandom(4);
    final double[][] x = new double[300][REGISTRY.dimension()];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = (i % 3) * 2 + r.nextDouble();
      }
    }
    return new KMeansFitter(REGISTRY.clusteringNames(), new SegmentNamer(REGISTRY)).fit(
        VectorTable.of(REGISTRY.clusteringNames(), x),
        new FitSettings(new TrainingSettings(3, 2, 4, 100, 50, 0.9, TrainingSettings.TimeUnit.BATCHES, 0.01, 1L),
            false, 2), FitProgress.NONE);
  }

  @Test
  void onAnEmptyTopicItIsTheFirstModel() {
    final FitResult fit = fit();
    final Segmentation m = ModelFromFit.build(fit, Optional.of(REGISTRY.featureSetId()), REGISTRY, "default",
        Optional.empty(), NOW, "history.csv");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.generation()).isEqualTo(1);
    assertThat(m.featureSet()).isEqualTo(REGISTRY.featureSetId());
    assertThat(m.segments()).extracting(Segment::id).containsExactly(0, 1, 2);
    assertThat(m.nextSegmentId()).isEqualTo(3);
    assertThat(m.trainedVectors()).isEqualTo(300);
    assertThat(m.publishedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00.123Z"));
    assertThat(m.scaler()).isEqualTo(fit.standardisation().scaler());
    assertThat(m.segments().getFirst().centroid()).containsExactly(fit.segments().getFirst().standardisedCentroid());
    assertThat(m.parameters()).containsEntry("generation.started-version", "1")
        .containsEntry("bootstrap.k-selection", "fixed").containsEntry("fit.source", "history.csv");
  }

  @Test
  void afterAnExistingModelItStartsANewGenerationWithFreshIds() {
    final Segmentation first = ModelFromFit.build(fit(), Optional.empty(), REGISTRY, "default", Optional.empty(), NOW,
        "a.csv");
    final Segmentation old = new Segmentation("default", 41, 2, first.featureSet(), first.featureNames(),
        first.scaler(), first.segments(), 1, 1, NOW, 17, first.parameters());
    final Segmentation next = ModelFromFit.build(fit(), Optional.empty(), REGISTRY, "default", Optional.of(old), NOW,
        "b.csv");
    assertThat(next.version()).isEqualTo(42);
    assertThat(next.generation()).isEqualTo(3);
    assertThat(next.segments()).extracting(Segment::id).containsExactly(17, 18, 19);
    assertThat(next.segments()).allSatisfy(s -> assertThat(s.createdVersion()).isEqualTo(42));
    assertThat(next.nextSegmentId()).isEqualTo(20);
  }

  @Test
  void onlySegstreamFeatureVectorsOfThisFeatureSetArePublishable() {
    assertThatThrownBy(() -> ModelFromFit.requirePublishable(List.of("a", "b"), Optional.empty(), REGISTRY))
        .hasMessageContaining("columns must be exactly days_since_purchase");
    assertThatThrownBy(() -> ModelFromFit.requirePublishable(REGISTRY.clusteringNames(), Optional.of("other"),
        REGISTRY)).hasMessageContaining("feature set other");
    ModelFromFit.requirePublishable(REGISTRY.clusteringNames(), Optional.of(REGISTRY.featureSetId()), REGISTRY);
  }
}
