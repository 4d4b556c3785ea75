package io.segstream.streams.topology;

import io.segstream.avro.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First stop of every input record: decode and validate; refused records go, untouched, to the dead-letter
 * topic with headers saying why; good ones go straight on if keyed by their userId, otherwise through the
 * re-keying topic so each user's events meet their state in one task.
 */
final class EventParser implements Processor<byte[], byte[], Object, Object> {
  static final String TO_SEGMENTS = "segment";
  static final String TO_REKEY = "rekey-sink";
  static final String TO_DEAD_LETTER = "dead-letter-sink";

  private final EventValidator validator;
  private final SegmentMetrics metrics;
  private final LongSupplier wallClock;
  private ProcessorContext<Object, Object> context;

  EventParser(final EventValidator validator, final SegmentMetrics metrics, final LongSupplier wallClock) {
    this.validator = validator;
    this.metrics = metrics;
    this.wallClock = wallClock;
  }

  @Override
  public void init(final ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final EventValidator.Outcome outcome = validator.validate(record.value(), wallClock.getAsLong());
    if (outcome.rejected().isPresent()) {
      final Rejection why = outcome.rejected().get();
      metrics.rejected(why.reason());
      final Optional<RecordMetadata> source = context.recordMetadata();
      // Stamped now (original time in a header): a replayed old record must not be deleted by retention at once.
      context.forward(new Record<Object, Object>(record.key(), record.value(), wallClock.getAsLong(),
          DeadLetters.headers(record.headers(), why, source, record.timestamp())), TO_DEAD_LETTER);
      return;
    }
    final EventValidator.Accepted ok = outcome.accepted().orElseThrow();
    if (ok.truncated()) {
      metrics.truncated();
    }
    final UserEvent e = ok.event();
    metrics.event(e.getType());
    final byte[] userKey = e.getUserId().getBytes(StandardCharsets.UTF_8);
    final Record<Object, Object> out = new Record<>(e.getUserId(), e, e.getTimestamp().toEpochMilli(), record.headers());
    context.forward(out, Arrays.equals(record.key(), userKey) ? TO_SEGMENTS : TO_REKEY);
  }
}
