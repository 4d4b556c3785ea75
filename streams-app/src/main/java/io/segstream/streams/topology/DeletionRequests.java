package io.segstream.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards each record on the deletions topic to the by-user topic as an erasure request: the user id as key and no
 * value. Keyless ones cannot name a user and are dropped, counted. This runs in a sub-topology of its own so that
 * the segmentation task reads one input beside the shop's events ({@link UserKeyedRecords}); the price is that an
 * erasure reaches the user's task one commit interval after the request.
 */
final class DeletionRequests implements Processor<String, byte[], String, Object> {
  static final String NAME = "deletion-requests";
  private final SegmentMetrics metrics;
  private ProcessorContext<String, Object> context;

  DeletionRequests(final SegmentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    if (record.key() == null || record.key().isBlank()) {
      metrics.rejected("deletion_without_user");
      return;
    }
    context.forward(new Record<String, Object>(record.key(), null, record.timestamp()));
  }
}
