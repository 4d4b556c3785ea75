package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import java.time.Instant;

/**
 * When the model is refitted on the population sample: once the sample changed since the last refit and holds
 * enough users, when it has been quiet for the policy's quiet time (the population settled, e.g. a replay ended)
 * or kept changing for its maximum interval (live traffic never settles).
 */
final class PopulationRefitSchedule {
  private final SegstreamConfig.Population policy;
  private long changesAtRefit;
  private long changesSeen;
  private Instant changedAt;
  private Instant firstChangeAt;
  private Instant refitAt;

  PopulationRefitSchedule(final SegstreamConfig.Population policy) {
    this.policy = policy;
  }

  /** The sample has now seen {@code changes} changes in all, the latest at {@code now}. */
  void changed(final long changes, final Instant now) {
    changesSeen = changes;
    changedAt = now;
    if (firstChangeAt == null) {
      firstChangeAt = now;
    }
  }

  boolean due(final Instant now, final int users, final int minUsers) {
    if (!policy.enabled() || changesSeen == changesAtRefit || users < minUsers || changedAt == null) {
      return false;
    }
    if (!now.isBefore(changedAt.plus(policy.quiet()))) {
      return true;
    }
    final Instant since = refitAt != null ? refitAt : firstChangeAt;
    return !now.isBefore(since.plus(policy.maxInterval()));
  }

  /** A refit ran at {@code now} (or failed: it is not retried before the sample changes again). */
  void refitted(final Instant now) {
    changesAtRefit = changesSeen;
    refitAt = now;
  }
}
