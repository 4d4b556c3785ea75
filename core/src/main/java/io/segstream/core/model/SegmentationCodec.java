package io.segstream.core.model;

import io.segstream.avro.FeatureDistribution;
import io.segstream.avro.SegmentModel;
import java.util.ArrayList;
import java.util.List;

/** Between the model as published on Kafka (Avro) and the model as the code uses it. */
public final class SegmentationCodec {
  private SegmentationCodec() {}

  public static SegmentModel toAvro(final Segmentation m) {
    final List<io.segstream.avro.Segment> segs = new ArrayList<>();
    for (final Segment s : m.segments()) {
      segs.add(io.segstream.avro.Segment.newBuilder()
          .setId(s.id()).setLabel(s.label()).setDescription(s.description())
          .setCentroid(boxed(s.centroid())).setWeight(s.weight()).setMovement(s.movement())
          .setCreatedVersion(s.createdVersion()).build());
    }
    return SegmentModel.newBuilder()
        .setName(m.name()).setVersion(m.version()).setGeneration(m.generation()).setFeatureSet(m.featureSet())
        .setFeatureNames(m.featureNames())
        .setScalerMean(boxed(m.scaler().mean())).setScalerScale(boxed(m.scaler().scale()))
        .setScalerDistributions(m.scaler().distributions().stream()
            .map(c -> new FeatureDistribution(boxed(c.values()), boxed(c.shares()), c.spread())).toList())
        .setScalerBlend(m.scaler().blend())
        .setSegments(segs).setInertia(m.inertia()).setTrainedVectors(m.trainedVectors())
        .setPublishedAt(m.publishedAt()).setNextSegmentId(m.nextSegmentId())
        .setParameters(m.parameters())
        .build();
  }

  /** @throws IllegalArgumentException if the published model is internally inconsistent */
  public static Segmentation fromAvro(final SegmentModel a) {
    final List<Segment> segs = new ArrayList<>();
    for (final io.segstream.avro.Segment s : a.getSegments()) {
      segs.add(new Segment(s.getId(), s.getLabel(), s.getDescription(), unboxed(s.getCentroid()), s.getWeight(),
          s.getMovement(), s.getCreatedVersion()));
    }
    return new Segmentation(a.getName(), a.getVersion(), a.getGeneration(), a.getFeatureSet(), a.getFeatureNames(),
        new Scaler(unboxed(a.getScalerMean()), unboxed(a.getScalerScale()), a.getScalerDistributions().stream()
            .map(c -> new FeatureCdf(unboxed(c.getValues()), unboxed(c.getShares()), c.getSpread())).toList(),
            a.getScalerBlend()),
        segs, a.getInertia(),
        a.getTrainedVectors(), a.getPublishedAt(), a.getNextSegmentId(), a.getParameters());
  }

  public static List<Double> boxed(final double[] v) {
    final List<Double> out = new ArrayList<>(v.length);
    for (final double d : v) {
      out.add(d);
    }
    return out;
  }

  public static double[] unboxed(final List<Double> v) {
    final double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
