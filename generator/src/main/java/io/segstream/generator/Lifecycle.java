package io.segstream.generator;

import java.util.random.RandomGenerator;

/**
 * Plans a user's life in the shop: which behaviour phases they go through (a newcomer arrives, a lapsing
 * buyer stops buying) and when they first show up in the simulated history.
 */
final class Lifecycle {
  /** Sessions of one user never run into each other, and gap-based sessionisation downstream sees them apart. */
  static final long MIN_SESSION_GAP = 45 * Durations.MINUTE;

  private final long historyStart;
  private final long historyEnd;

  Lifecycle(final long historyStart, final long historyEnd) {
    this.historyStart = historyStart;
    this.historyEnd = historyEnd;
  }

  /** Adds the user's phases and returns the simulated time of their first session. */
  long plan(final SimUser user, final Persona persona) {
    final RandomGenerator rng = user.rng;
    if (persona.arrivalDaysAgo().isPresent()) {
      final long arrival = Math.max(historyStart,
          historyEnd - days(persona.arrivalDaysAgo().get().sample(rng)));
      user.addPhase(new BehaviourPhase(arrival, persona, UserTraits.sample(persona.behaviour(), rng)));
      return arrival; // arriving is visiting: the first session is the arrival
    }
    if (persona.lapse().isPresent()) {
      final Persona.Lapse lapse = persona.lapse().get();
      final long activeSince = historyEnd - days(lapse.activeSinceDaysAgo().sample(rng));
      final long lapsedAt = historyEnd - days(lapse.daysAgo().sample(rng));
      user.addPhase(new BehaviourPhase(Math.min(activeSince, lapsedAt), persona, UserTraits.sample(lapse.before(), rng)));
      user.addPhase(new BehaviourPhase(lapsedAt, persona, UserTraits.sample(persona.behaviour(), rng)));
    } else {
      // Established customers have always been around; the phase start only has to precede history.
      user.addPhase(new BehaviourPhase(historyStart - 365 * Durations.DAY, persona,
          UserTraits.sample(persona.behaviour(), rng)));
    }
    final long from = Math.max(historyStart, user.firstPhase().start());
    // History cuts into an ongoing rhythm: the first visit lies somewhere within one typical gap.
    return from + (long) (rng.nextDouble() * gap(user.phaseAt(from).traits(), rng));
  }

  /** When the session after one that ended at {@code lastEvent} starts. */
  long nextSession(final SimUser user, final long lastEvent) {
    final int index = user.phaseIndexAt(lastEvent);
    final long next = lastEvent + gap(user.phase(index).traits(), user.rng);
    return user.phaseAfter(index)
        .filter(later -> next >= later.start())
        // A change of behaviour restarts the rhythm from the moment it happens.
        .map(later -> later.start() + (long) (user.rng.nextDouble() * gap(later.traits(), user.rng)))
        .orElse(next);
  }

  /** Erlang-3 around the user's mean: regular enough to be a rhythm, irregular enough to be human. */
  static long gap(final UserTraits traits, final RandomGenerator rng) {
    final double u = (1 - rng.nextDouble()) * (1 - rng.nextDouble()) * (1 - rng.nextDouble());
    final double mean = traits.sessionGapDays() * Durations.DAY;
    return Math.max(MIN_SESSION_GAP, (long) (-mean / 3 * Math.log(u)));
  }

  private static long days(final double days) {
    return (long) (days * Durations.DAY);
  }
}
