package io.segstream.generator;

import io.segstream.avro.EventType;
import java.util.Map;

/**
 * Counters of a {@link TrafficProducer} at one moment.
 *
 * @param sent            records handed to the Kafka producer
 * @param acknowledged    records the broker confirmed
 * @param failed          records the producer gave up on
 * @param eventsPerSecond send rate over the last few seconds
 */
public record TrafficSnapshot(
    long sent,
    long acknowledged,
    long failed,
    Map<EventType, Long> sentByType,
    double eventsPerSecond,
    SimulationProgress progress) {}
