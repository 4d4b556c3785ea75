package io.segstream.streams.topology;

import io.segstream.avro.UserEvent;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Models whose centres are the vectors of example users, so tests can say where a user should land. */
public final class TestModels {
  private TestModels() {}

  /** The clustering vector of a user who did exactly these events, evaluated at the last event's time. */
  public static double[] vectorOf(final FeatureRegistry registry, final List<UserEvent> events) {
    final FeatureUpdater updater = registry.updater(CategoryResolver.shopCategory());
    final long first = events.getFirst().getTimestamp().toEpochMilli();
    final UserState s = registry.newUser(first);
    long last = first;
    for (final UserEvent e : events) {
      updater.apply(s, e);
      last = Math.max(last, e.getTimestamp().toEpochMilli());
    }
    return registry.vector(s, last);
  }

  /** Identity scaling; one segment per centre with ids firstId, firstId+1, ... */
  public static Segmentation model(final FeatureRegistry registry, final long version, final int firstId,
      final List<String> labels, final double[]... centres) {
    final int d = registry.dimension();
    final double[] ones = new double[d];
    Arrays.fill(ones, 1.0);
    final List<Segment> segs = new ArrayList<>();
    for (int i = 0; i < centres.length; i++) {
      segs.add(new Segment(firstId + i, labels.get(i), "test segment", centres[i], 100, 0, version));
    }
    return new Segmentation("default", version, 1, registry.featureSetId(), registry.clusteringNames(),
        new Scaler(new double[d], ones), segs, 1.0, 1000, Instant.EPOCH, firstId + centres.length, Map.of());
  }
}
