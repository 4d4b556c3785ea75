package io.segstream.generator;

import java.time.Clock;
import java.time.Duration;

/**
 * Maps simulated time onto the wall clock in the live phase. The simulation keeps running on its natural
 * time scale; this runs it {@code speed} times faster than real time, with the speed chosen so the aggregate
 * event rate meets the target. Because every user is sped up by the same factor, the personas keep their
 * behaviour relative to each other.
 *
 * <p>The natural rate (events per simulated millisecond) is re-measured every block of events and the speed
 * re-tuned, so an imprecise first estimate or a persona switch that changes how busy users are is corrected
 * within seconds. The mapping stays continuous and monotone across re-tunings.
 */
final class LiveTimeline {
  private static final int BLOCK = 1_000;
  private static final double SMOOTHING = 0.3;

  private final Clock clock;
  private final double targetPerWallMs;
  private final long maxLagMillis;

  private double naturalPerSimMs;
  private double speed;
  private long anchorSim;
  private double anchorWall;
  private long blockStartSim;
  private int blockEvents;
  private long lastWall;

  LiveTimeline(final Clock clock, final double targetPerSecond, final Duration maxLag, final long startSim,
      final long startWall, final double naturalPerSimMs) {
    this.clock = clock;
    this.targetPerWallMs = targetPerSecond / 1000.0;
    this.maxLagMillis = maxLag.toMillis();
    this.naturalPerSimMs = naturalPerSimMs;
    this.speed = targetPerWallMs / naturalPerSimMs;
    this.anchorSim = startSim;
    this.anchorWall = startWall;
    this.blockStartSim = startSim;
    this.lastWall = startWall;
  }

  /** The wall-clock timestamp of the next emitted event, which happens at simulated time {@code sim}. */
  long wallTime(final long sim) {
    if (++blockEvents >= BLOCK) {
      retune(sim);
    }
    double wall = anchorWall + (sim - anchorSim) / speed;
    final long now = clock.millis();
    if (now - wall > maxLagMillis) {
      // The consumer fell behind (a stall, a slow broker): carry on from now rather than stamping a backlog
      // that would then be sent in one burst.
      anchorSim = sim;
      anchorWall = now;
      wall = now;
    }
    lastWall = Math.max(lastWall, (long) wall);
    return lastWall;
  }

  private void retune(final long sim) {
    final double observed = blockEvents / (double) Math.max(1, sim - blockStartSim);
    naturalPerSimMs = (1 - SMOOTHING) * naturalPerSimMs + SMOOTHING * observed;
    anchorWall += (sim - anchorSim) / speed;
    anchorSim = sim;
    speed = targetPerWallMs / naturalPerSimMs;
    blockStartSim = sim;
    blockEvents = 0;
  }

  /** Simulated milliseconds per wall-clock millisecond. */
  double speed() {
    return speed;
  }
}
