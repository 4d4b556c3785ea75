package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.kmeans.PopulationFit;
import io.segstream.core.kmeans.PopulationSnapshot;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Scaler;
import java.time.Clock;
import java.time.Instant;

/**
 * The latest vector of each user in a bounded, hash-chosen sample of the population (from the sweep's samples), and
 * when the model is refitted on it: once the sample changed since the last refit and holds enough users, when it
 * has been quiet for the policy's quiet time (the population settled, e.g. a replay ended) or kept changing for its
 * maximum interval (live traffic never settles). Refits and population scalers are fitted on these rows, so a
 * segment describes the users as they are now, not the path the online updates took.
 */
final class PopulationSample {
  private final SegstreamConfig.Population policy;
  private final PopulationSnapshot snapshot;
  private final Clock clock;
  private long changesAtRefit;
  private long changesSeen;
  private Instant changedAt;
  private Instant firstChangeAt;
  private Instant refitAt;

  PopulationSample(final SegstreamConfig.Population policy, final Clock clock) {
    this.policy = policy;
    this.snapshot = new PopulationSnapshot(Math.max(1, policy.users()));
    this.clock = clock;
  }

  /** Whether population refits are on ({@code updater.population-users} above 0). */
  boolean enabled() {
    return policy.enabled();
  }

  /**
   * Records {@code row} (raw, valid) as the user's latest vector.
   *
   * @return false if the sample already held exactly this vector for the user (nothing happened to them since)
   */
  boolean offer(final String userId, final double[] row) {
    if (snapshot.contains(userId, row)) {
      return false;
    }
    noteChange(snapshot.put(userId, row));
    return true;
  }

  /** The user was erased or expired: they leave the sample. */
  void forget(final String userId) {
    final long before = snapshot.changes();
    snapshot.remove(userId);
    noteChange(snapshot.changes() != before);
  }

  private void noteChange(final boolean changed) {
    if (changed) {
      changesSeen = snapshot.changes();
      changedAt = clock.instant();
      if (firstChangeAt == null) {
        firstChangeAt = changedAt;
      }
    }
  }

  int size() {
    return snapshot.size();
  }

  /** Whether a refit is due at {@code now}; never with fewer than {@code minUsers} users. */
  boolean refitDue(final Instant now, final int minUsers) {
    if (!policy.enabled() || changesSeen == changesAtRefit || snapshot.size() < minUsers || changedAt == null) {
      return false;
    }
    if (!now.isBefore(changedAt.plus(policy.quiet()))) {
      return true;
    }
    final Instant since = refitAt != null ? refitAt : firstChangeAt;
    return !now.isBefore(since.plus(policy.maxInterval()));
  }

  /**
   * Refits k-means on {@code rows}, this sample's {@link #rows()} ({@link PopulationFit}), ids following their users from {@code previous} (raw
   * centres) and {@code previousIds}. Counts as the refit at {@code now} whether or not it succeeds: a failed refit
   * is not retried before the sample changes again.
   *
   * @throws RuntimeException if the fit failed
   */
  PopulationFit.Result refit(final Instant now, final double[][] rows, final TrainingSettings settings,
      final double[][] previous, final int[] previousIds, final int nextId) {
    changesAtRefit = changesSeen;
    refitAt = now;
    return PopulationFit.fit(rows, settings, policy.byShares(), policy.blend(), previous, previousIds,
        nextId);
  }

  /** A copy of the users' latest vectors (raw). */
  double[][] rows() {
    return snapshot.rows();
  }

  /** A scaler fitted on the sample, as the policy says (shares, z-scores or their blend). */
  Scaler scaler() {
    return Scaler.fitPopulation(snapshot.rows(), policy.byShares(), policy.blend());
  }
}
