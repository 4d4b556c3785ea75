package io.segstream.bench;

import io.segstream.avro.UserEvent;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model fitted offline on the same users the benchmark replays, so the segmentation topology scores every
 * event against a realistic model from the first record on.
 */
final class OfflineModel {
  private final FeatureRegistry registry;
  private final FeatureUpdater updater;
  private final Map<String, UserState> users = new HashMap<>();
  private long latest = Long.MIN_VALUE;

  OfflineModel(final FeatureRegistry registry) {
    this.registry = registry;
    this.updater = registry.updater(CategoryResolver.shopCategory());
  }

  void add(final UserEvent e) {
    final long t = e.getTimestamp().toEpochMilli();
    updater.apply(users.computeIfAbsent(e.getUserId(), u -> registry.newUser(t)), e);
    latest = Math.max(latest, t);
  }

  Segmentation fit(final int k, final String name) {
    final double[][] raw = new double[users.size()][];
    int i = 0;
    for (final UserState s : users.values()) {
      raw[i++] = registry.vector(s, latest);
    }
    final Scaler scaler = Scaler.fit(raw);
    final KMeansBootstrap.Fit fit = KMeansBootstrap.fit(scaler.transformAll(raw), k, 42L, 3);
    final List<String> none = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      none.add("");
    }
    final List<SegmentNamer.Name> names = new SegmentNamer(registry).name(registry.clusteringNames(), scaler,
        fit.centres(), none);
    final List<Segment> segments = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      segments.add(new Segment(c, names.get(c).label(), names.get(c).description(), fit.centres()[c],
          fit.sizes()[c], 0, 1));
    }
    return new Segmentation(name, 1, 1, registry.featureSetId(), registry.clusteringNames(), scaler, segments,
        fit.inertia() / raw.length, raw.length, Instant.now(), k, Map.of("fitted", "offline by bench throughput"));
  }

  int users() {
    return users.size();
  }

  /** The users seen, sorted. */
  List<String> userIds() {
    return users.keySet().stream().sorted().toList();
  }
}
