package io.segstream.generator;

import java.time.Instant;

/**
 * Where a simulation stands, for progress displays.
 *
 * @param simulatedTime   the simulation's own clock (in the live phase it runs {@code speed} times real time)
 * @param lastEventTime   timestamp of the last event handed out
 * @param historyFraction share of the history period replayed so far, 1 once live
 * @param speed           simulated time per wall-clock time in the live phase; 0 during history
 */
public record SimulationProgress(
    SimulationPhase phase,
    long eventsEmitted,
    long historyEvents,
    Instant simulatedTime,
    Instant lastEventTime,
    double historyFraction,
    double speed) {}
