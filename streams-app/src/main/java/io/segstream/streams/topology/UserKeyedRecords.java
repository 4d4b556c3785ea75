package io.segstream.streams.topology;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import io.segstream.streams.text.ReviewSignalsGuard;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the by-user topic, which carries three kinds of record keyed by user: an erasure request (no value, from
 * {@link DeletionRequests}), the text stage's REVIEW_SIGNALS (passed on only if {@link ReviewSignalsGuard} admits
 * them: the topic is segstream's own but anyone with access can write to it, and it skips input validation), and
 * events the parser re-keyed (passed on as they are).
 */
final class UserKeyedRecords implements Processor<String, UserEvent, String, Object> {
  static final String NAME = "user-keyed-records";
  private final SegmentMetrics metrics;
  private ProcessorContext<String, Object> context;

  UserKeyedRecords(final SegmentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, UserEvent> record) {
    final UserEvent e = record.value();
    if (e == null) {
      if (record.key() == null || record.key().isBlank()) {
        metrics.rejected("deletion_without_user");
        return;
      }
      context.forward(record.withValue(UserDeletion.INSTANCE));
    } else if (e.getType() != EventType.REVIEW_SIGNALS) {
      context.forward(record.withValue(e));
    } else if (ReviewSignalsGuard.admits(record.key(), e)) {
      context.forward(record.withValue(e));
    }
  }
}
