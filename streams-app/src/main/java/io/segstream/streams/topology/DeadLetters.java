package io.segstream.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Headers that make a dead letter self-explaining: where it came from and why it was refused. */
public final class DeadLetters {
  public static final String REASON = "segstream.error.reason";
  public static final String DETAIL = "segstream.error.detail";
  public static final String SOURCE_TOPIC = "segstream.source.topic";
  public static final String SOURCE_PARTITION = "segstream.source.partition";
  public static final String SOURCE_OFFSET = "segstream.source.offset";
  public static final String SOURCE_TIMESTAMP = "segstream.source.timestamp";
  private static final int MAX_DETAIL_CHARS = 1_000;

  private DeadLetters() {}

  /** The original headers plus ours. */
  public static Headers headers(final Headers original, final Rejection why, final Optional<RecordMetadata> source,
      final long originalTimestamp) {
    final Headers h = new RecordHeaders(original.toArray());
    h.add(REASON, bytes(why.reason()));
    final String detail = why.detail() == null ? "" : why.detail();
    h.add(DETAIL, bytes(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail));
    h.add(SOURCE_TIMESTAMP, bytes(Long.toString(originalTimestamp)));
    source.ifPresent(m -> {
      h.add(SOURCE_TOPIC, bytes(m.topic()));
      h.add(SOURCE_PARTITION, bytes(Integer.toString(m.partition())));
      h.add(SOURCE_OFFSET, bytes(Long.toString(m.offset())));
    });
    return h;
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
