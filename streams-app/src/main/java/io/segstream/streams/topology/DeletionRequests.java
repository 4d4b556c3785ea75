package io.segstream.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns records on the deletions topic into erasure requests; keyless ones cannot name a user and are dropped. */
final class DeletionRequests implements Processor<String, byte[], Object, Object> {
  private final SegmentMetrics metrics;
  private ProcessorContext<Object, Object> context;

  DeletionRequests(final SegmentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(final ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    if (record.key() == null || record.key().isBlank()) {
      metrics.rejected("deletion_without_user");
      return;
    }
    context.forward(new Record<>(record.key(), UserDeletion.INSTANCE, record.timestamp()));
  }
}
