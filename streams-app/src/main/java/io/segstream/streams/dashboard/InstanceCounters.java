package io.segstream.streams.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * This instance's input counters, read from its own metrics registry (the same counters /metrics exposes), so the
 * dashboard can add them up over instances: valid events, and refused ones by dead-letter reason.
 */
final class InstanceCounters {
  private final MeterRegistry registry;

  InstanceCounters(final MeterRegistry registry) {
    this.registry = registry;
  }

  Counts read() {
    long events = 0;
    for (final Counter c : registry.find("segstream.events").counters()) {
      events += (long) c.count();
    }
    final Map<String, Long> rejected = new TreeMap<>();
    for (final Counter c : registry.find("segstream.events.rejected").counters()) {
      rejected.merge(String.valueOf(c.getId().getTag("reason")), (long) c.count(), Long::sum);
    }
    return new Counts(events, rejected);
  }

  /** @param events valid input events; @param deadLetters refused input records by reason */
  record Counts(long events, Map<String, Long> deadLetters) {
    Counts plus(final Counts o) {
      final Map<String, Long> r = new TreeMap<>(deadLetters);
      o.deadLetters.forEach((k, v) -> r.merge(k, v, Long::sum));
      return new Counts(events + o.events, r);
    }
  }
}
