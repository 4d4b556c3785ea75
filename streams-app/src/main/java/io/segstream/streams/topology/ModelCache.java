package io.segstream.streams.topology;

import io.segstream.avro.SegmentModel;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's decoded copy of the current model, refreshed from the global store on a timer rather than
 * per event (decoding a model per page view would dominate the hot path). Remembers the labels of
 * every segment it has seen, so a change out of a retired segment can still name it.
 */
final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  private final String modelName;
  private final FeatureRegistry registry;
  private final Map<Integer, String> labels = new HashMap<>();
  private Optional<Segmentation> current = Optional.empty();
  private long mismatchedVersion = -1;

  ModelCache(final String modelName, final FeatureRegistry registry) {
    this.modelName = modelName;
    this.registry = registry;
  }

  /** @return true if a newer usable model was loaded */
  boolean refresh(final ReadOnlyKeyValueStore<String, byte[]> store) {
    final byte[] bytes = store.get(modelName);
    if (bytes == null) {
      return false;
    }
    final SegmentModel avro;
    try {
      avro = AvroSerdes.SEGMENT_MODEL.decode(bytes);
    } catch (final SerializationException e) {
      LOG.warn("ignoring unreadable model '{}' in the model store: {}", modelName, e.getMessage());
      return false;
    }
    if (current.isPresent() && avro.getVersion() <= current.get().version()) {
      return false;
    }
    if (!avro.getFeatureSet().equals(registry.featureSetId())) {
      if (avro.getVersion() != mismatchedVersion) {
        mismatchedVersion = avro.getVersion();
        LOG.warn("model '{}' v{} was trained on feature set {} but this app computes {}; not scoring with it until"
            + " the updater publishes a model for this feature set", modelName, avro.getVersion(), avro.getFeatureSet(),
            registry.featureSetId());
      }
      return false;
    }
    final Segmentation m;
    try {
      m = SegmentationCodec.fromAvro(avro);
    } catch (final IllegalArgumentException e) {
      LOG.warn("ignoring inconsistent model '{}' v{}: {}", modelName, avro.getVersion(), e.getMessage());
      return false;
    }
    for (final Segment s : m.segments()) {
      labels.put(s.id(), s.label());
    }
    current = Optional.of(m);
    return true;
  }

  Optional<Segmentation> current() {
    return current;
  }

  String label(final int segmentId) {
    final String l = labels.get(segmentId);
    return l == null ? "segment " + segmentId : l;
  }
}
