package io.segstream.updater;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs rejected input without flooding: the first rejection of each reason in full, then at most one
 * summary line per reason and minute with the count since the previous line.
 */
final class RejectionLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger logger;
  private final Clock clock;
  private final String modelName;
  private final Map<String, State> byReason = new HashMap<>();

  private static final class State {
    Instant lastLogged;
    long unlogged;
  }

  RejectionLog(final Logger logger, final Clock clock, final String modelName) {
    this.logger = logger;
    this.clock = clock;
    this.modelName = modelName;
  }

  void rejected(final String reason, final Object detail) {
    final State s = byReason.computeIfAbsent(reason, r -> new State());
    if (s.lastLogged == null) {
      s.lastLogged = clock.instant();
      logger.warn("model '{}': rejected a training vector ({}: {}); counted in segstream.updater.vectors.rejected,"
          + " further rejections are summarised once a minute", modelName, reason, detail);
      return;
    }
    s.unlogged++;
    final Instant now = clock.instant();
    if (!now.isBefore(s.lastLogged.plus(INTERVAL))) {
      logger.warn("model '{}': rejected {} more training vector(s) ({}) in the last {} s, latest: {}", modelName,
          s.unlogged, reason, Duration.between(s.lastLogged, now).toSeconds(), detail);
      s.lastLogged = now;
      s.unlogged = 0;
    }
  }
}
