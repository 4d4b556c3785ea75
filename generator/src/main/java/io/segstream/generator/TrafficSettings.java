package io.segstream.generator;

/**
 * How a {@link TrafficProducer} sends.
 *
 * @param topic                  the input topic
 * @param historyEventsPerSecond cap on the history replay rate; 0 replays history as fast as the broker takes it
 */
public record TrafficSettings(String topic, double historyEventsPerSecond) {
  public static final String DEFAULT_TOPIC = "shop.events";

  public TrafficSettings {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (!(historyEventsPerSecond >= 0) || Double.isInfinite(historyEventsPerSecond)) {
      throw new IllegalArgumentException("historyEventsPerSecond must be >= 0 (0 = unlimited)");
    }
  }

  public static TrafficSettings of(final String topic) {
    return new TrafficSettings(topic, 0);
  }

  public TrafficSettings withHistoryEventsPerSecond(final double rate) {
    return new TrafficSettings(topic, rate);
  }
}
