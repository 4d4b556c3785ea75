package io.segstream.generator;

import io.segstream.avro.EventType;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What a producer has sent, written by its sending thread and Kafka's callback thread, read by anyone. */
final class TrafficCounters {
  private final AtomicLongArray sentByType = new AtomicLongArray(EventType.values().length);
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final RateMeter rate;

  TrafficCounters(final Clock clock) {
    this.rate = new RateMeter(clock);
  }

  void sent(final EventType type) {
    sent.increment();
    sentByType.incrementAndGet(type.ordinal());
    rate.record(1);
  }

  void acknowledged() {
    acknowledged.increment();
  }

  /** @return how many have failed so far, this one included */
  long failed() {
    failed.increment();
    return failed.sum();
  }

  TrafficSnapshot snapshot(final SimulationProgress progress) {
    final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    for (final EventType t : EventType.values()) {
      final long n = sentByType.get(t.ordinal());
      if (n > 0) {
        byType.put(t, n);
      }
    }
    return new TrafficSnapshot(sent.sum(), acknowledged.sum(), failed.sum(), Collections.unmodifiableMap(byType),
        rate.perSecond(), progress);
  }
}
