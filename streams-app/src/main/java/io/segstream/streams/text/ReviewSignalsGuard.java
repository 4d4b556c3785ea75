package io.segstream.streams.text;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Between the review-signals topic and the segment processor: passes on only well-formed REVIEW_SIGNALS
 * events keyed by their user, with finite signals. The topic is segstream's own, but it is still a topic
 * anyone with access can write to, and it bypasses input validation.
 */
public final class ReviewSignalsGuard implements Processor<String, UserEvent, String, Object> {
  public static final String NAME = "review-signals-guard";
  private ProcessorContext<String, Object> context;

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, UserEvent> record) {
    final UserEvent e = record.value();
    if (e == null || e.getType() != EventType.REVIEW_SIGNALS || record.key() == null
        || !record.key().equals(e.getUserId()) || e.getReview() == null || e.getReview().getSignals() == null) {
      return;
    }
    for (final Map.Entry<String, Double> s : e.getReview().getSignals().entrySet()) {
      if (s.getValue() == null || !Double.isFinite(s.getValue()) || Math.abs(s.getValue()) > 1.0) {
        return;
      }
    }
    context.forward(new Record<String, Object>(record.key(), e, record.timestamp(), record.headers()));
  }
}
