package io.segstream.streams;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.streams.rest.SegmentQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * segstream_segment_users{segment,label}: users per segment on this instance (Prometheus sums over
 * instances). Refreshed on a timer from the local stores; segments of older models drop out.
 */
final class SegmentSizeGauges {
  private final MultiGauge gauge;
  private final SegmentQueries queries;

  SegmentSizeGauges(final io.micrometer.core.instrument.MeterRegistry registry, final SegmentQueries queries) {
    this.gauge = MultiGauge.builder("segstream.segment.users").description("Users currently in each segment (this instance)")
        .register(registry);
    this.queries = queries;
  }

  void refresh() {
    final Optional<Segmentation> model;
    final Map<Integer, Long> sizes;
    try {
      model = queries.model();
      sizes = queries.localSizes();
    } catch (final RuntimeException e) {
      if (e instanceof InvalidStateStoreException || e instanceof io.segstream.streams.rest.QueryException) {
        return; // stores not ready yet; try again next time
      }
      throw e;
    }
    if (model.isEmpty()) {
      return;
    }
    final List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (final Segment s : model.get().segments()) {
      final long n = sizes.getOrDefault(s.id(), 0L);
      rows.add(MultiGauge.Row.of(Tags.of("segment", Integer.toString(s.id()), "label", s.label()), n));
    }
    gauge.register(rows, true);
  }
}
