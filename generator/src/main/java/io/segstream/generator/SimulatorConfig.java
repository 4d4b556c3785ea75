package io.segstream.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What to simulate.
 *
 * @param users               population size
 * @param mix                 persona shares
 * @param seed                everything generated is a function of the seed (and {@code now})
 * @param historyDays         length of the history phase, ending at {@code now}
 * @param now                 end of history; live events are stamped from {@code max(now, clock)} on
 * @param clock               wall clock of the live phase
 * @param liveEventsPerSecond target aggregate rate of the live phase
 * @param catalogSize         number of products
 * @param maxLiveLag          if the consumer falls further behind the live schedule than this, the schedule
 *                            skips ahead instead of producing a backlog burst
 */
public record SimulatorConfig(
    int users,
    PersonaMix mix,
    long seed,
    int historyDays,
    Instant now,
    Clock clock,
    double liveEventsPerSecond,
    int catalogSize,
    Duration maxLiveLag) {

  public static final int DEFAULT_USERS = 5_000;
  public static final int DEFAULT_HISTORY_DAYS = 60;
  public static final double DEFAULT_LIVE_EVENTS_PER_SECOND = 500;

  public SimulatorConfig {
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1");
    }
    if (historyDays < 0) {
      throw new IllegalArgumentException("historyDays must be >= 0");
    }
    if (!(liveEventsPerSecond > 0) || Double.isInfinite(liveEventsPerSecond)) {
      throw new IllegalArgumentException("liveEventsPerSecond must be a positive number");
    }
    if (catalogSize < Category.values().length) {
      throw new IllegalArgumentException("catalogSize must be >= " + Category.values().length);
    }
    if (maxLiveLag.isNegative()) {
      throw new IllegalArgumentException("maxLiveLag must not be negative");
    }
    now = now.truncatedTo(ChronoUnit.MILLIS);
  }

  /** 5,000 users, default mix, seed 42, 60 days of history up to the current time, 500 live events/s. */
  public static SimulatorConfig defaults() {
    final Clock clock = Clock.systemUTC();
    return new SimulatorConfig(DEFAULT_USERS, PersonaMix.defaults(), 42L, DEFAULT_HISTORY_DAYS, clock.instant(),
        clock, DEFAULT_LIVE_EVENTS_PER_SECOND, ShopCatalog.DEFAULT_SIZE, Duration.ofSeconds(2));
  }

  public SimulatorConfig withUsers(final int n) {
    return new SimulatorConfig(n, mix, seed, historyDays, now, clock, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withMix(final PersonaMix m) {
    return new SimulatorConfig(users, m, seed, historyDays, now, clock, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withSeed(final long s) {
    return new SimulatorConfig(users, mix, s, historyDays, now, clock, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withHistoryDays(final int d) {
    return new SimulatorConfig(users, mix, seed, d, now, clock, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withNow(final Instant t) {
    return new SimulatorConfig(users, mix, seed, historyDays, t, clock, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withClock(final Clock c) {
    return new SimulatorConfig(users, mix, seed, historyDays, now, c, liveEventsPerSecond, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withLiveEventsPerSecond(final double r) {
    return new SimulatorConfig(users, mix, seed, historyDays, now, clock, r, catalogSize, maxLiveLag);
  }

  public SimulatorConfig withCatalogSize(final int n) {
    return new SimulatorConfig(users, mix, seed, historyDays, now, clock, liveEventsPerSecond, n, maxLiveLag);
  }

  public SimulatorConfig withMaxLiveLag(final Duration d) {
    return new SimulatorConfig(users, mix, seed, historyDays, now, clock, liveEventsPerSecond, catalogSize, d);
  }

  public Instant historyStart() {
    return now.minus(Duration.ofDays(historyDays));
  }
}
