package io.segstream.generator;

import io.segstream.avro.UserEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * One simulated user's state: behaviour phases, the session being played out, and recent purchases. Only one
 * session is ever buffered, which is what keeps the simulator's memory proportional to users, not events.
 */
final class SimUser {
  /** Enough purchases to pick reviews and returns from; older ones no longer matter. */
  private static final int OWNED_LINES_KEPT = 12;

  final int index;
  final String id;
  /** Each user draws from their own stream, so one user's behaviour does not depend on anyone else's. */
  final SplittableRandom rng;
  private final List<BehaviourPhase> phases = new ArrayList<>(2);
  private final ArrayDeque<OwnedLine> owned = new ArrayDeque<>(OWNED_LINES_KEPT);

  private final List<UserEvent> session = new ArrayList<>(24);
  private int cursor;
  /** Simulated time of the next event: the next event of the current session, or the next session's start. */
  long nextAt;

  private long sessions;
  private long orders;
  private long events;
  private int ordersPhase = -1;
  private int ordersInPhase;

  SimUser(final int index, final String id, final SplittableRandom rng) {
    this.index = index;
    this.id = id;
    this.rng = rng;
  }

  void addPhase(final BehaviourPhase phase) {
    if (!phases.isEmpty() && phase.start() < phases.getLast().start()) {
      throw new IllegalArgumentException("phases must be added in time order");
    }
    phases.add(phase);
  }

  /** Drops phases that have not begun by {@code time}: a switch of persona overrides planned futures. */
  void truncatePhasesAfter(final long time) {
    while (phases.size() > 1 && phases.getLast().start() > time) {
      phases.removeLast();
    }
  }

  /** The phase in force at {@code time}; before the first phase began, the first one (the user's arrival). */
  int phaseIndexAt(final long time) {
    for (int i = phases.size() - 1; i > 0; i--) {
      if (phases.get(i).start() <= time) {
        return i;
      }
    }
    return 0;
  }

  BehaviourPhase phase(final int index) {
    return phases.get(index);
  }

  BehaviourPhase phaseAt(final long time) {
    return phases.get(phaseIndexAt(time));
  }

  Optional<BehaviourPhase> phaseAfter(final int index) {
    return index + 1 < phases.size() ? Optional.of(phases.get(index + 1)) : Optional.empty();
  }

  BehaviourPhase firstPhase() {
    return phases.getFirst();
  }

  /** The ground-truth label as of the latest planned or switched behaviour. */
  Persona label() {
    return phases.getLast().persona();
  }

  // --- the session being played out ---

  List<UserEvent> startSession() {
    session.clear();
    cursor = 0;
    sessions++;
    return session;
  }

  boolean inSession() {
    return cursor < session.size();
  }

  UserEvent takeEvent() {
    return session.get(cursor++);
  }

  /** Simulated time of the next buffered event; only valid while {@link #inSession()}. */
  long peekTime() {
    return session.get(cursor).getTimestamp().toEpochMilli();
  }

  long sessionNumber() {
    return sessions;
  }

  long nextEventNumber() {
    return ++events;
  }

  long nextOrderNumber() {
    return ++orders;
  }

  // --- purchases ---

  boolean mayOrder(final int phaseIndex, final int maxOrders) {
    if (phaseIndex != ordersPhase) {
      ordersPhase = phaseIndex;
      ordersInPhase = 0;
    }
    return ordersInPhase < maxOrders;
  }

  void recordOrder(final List<OwnedLine> lines) {
    ordersInPhase++;
    for (final OwnedLine line : lines) {
      own(line);
    }
  }

  void own(final OwnedLine line) {
    if (owned.size() == OWNED_LINES_KEPT) {
      owned.removeFirst();
    }
    owned.addLast(line);
  }

  /** A line bought 1 to 30 days before {@code time} in an order seen in the stream and not yet sent back. */
  Optional<OwnedLine> returnable(final long time) {
    return pickOwned(l -> !l.preHistory && !l.returned
        && l.boughtAt <= time - Durations.DAY && l.boughtAt >= time - 30 * Durations.DAY);
  }

  /** A line that has had time to arrive (2+ days) and was not reviewed yet. */
  Optional<OwnedLine> reviewable(final long time) {
    return pickOwned(l -> !l.reviewed && l.boughtAt <= time - 2 * Durations.DAY);
  }

  private Optional<OwnedLine> pickOwned(final Predicate<OwnedLine> eligible) {
    OwnedLine chosen = null;
    int seen = 0;
    for (final OwnedLine l : owned) {
      // Reservoir sampling: uniform over eligible lines without building a list.
      if (eligible.test(l) && rng.nextInt(++seen) == 0) {
        chosen = l;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
