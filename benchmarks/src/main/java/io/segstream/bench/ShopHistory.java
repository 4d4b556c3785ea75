package io.segstream.bench;

import io.segstream.avro.UserEvent;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.generator.Persona;
import io.segstream.generator.PersonaSwitch;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The generator's shop played offline through segstream's own feature code (no Kafka): every event is folded
 * into its user's {@link UserState} by the registry's {@link FeatureUpdater}, and the training stream the
 * streams app would send the model updater is reproduced: a user's vector at an event when their previous one
 * is at least {@code vectors.min-interval-seconds} old (event time), plus, every {@code sweepEvery} of event
 * time, the vectors of a {@code vectors.sample-fraction} uniform sample of all users known so far, evaluated at
 * that time (the sweep). In the real system the sweep runs on the wall clock; here it runs on event time, as
 * if the history were replayed at {@code sweepEvery} of history per sweep interval.
 *
 * <p>After the history the simulation goes on in simulated time (the generator's live phase, with its wall-clock
 * stamps replaced by simulated time), so {@link #drift} can change personas and the model be watched following.
 */
final class ShopHistory {
  private final ShopSimulator simulator;
  private final FeatureRegistry registry;
  private final FeatureUpdater updater;
  private final long vectorMinIntervalMs;
  private final double sampleFraction;
  private final long sweepEveryMs;
  private final SplittableRandom sampling;
  private final Map<String, UserState> users = new LinkedHashMap<>();
  private final Map<String, Long> lastVector = new LinkedHashMap<>();
  /** Receives the training stream, each vector with where it came from as the streams app labels it. */
  @FunctionalInterface
  interface TrainingSink {
    void accept(VectorSource source, double[] vector);
  }

  private UserEvent pending;
  private long pendingTime;
  private long nextSweep;
  private long vectorsFromEvents;
  private long vectorsFromSweeps;
  private long events;

  ShopHistory(final SimulatorConfig config, final FeatureRegistry registry, final SegstreamConfig.Assignment assignment,
      final Duration sweepEvery) {
    this.simulator = new ShopSimulator(config);
    this.registry = registry;
    this.updater = registry.updater(CategoryResolver.shopCategory());
    this.vectorMinIntervalMs = assignment.vectorMinInterval().toMillis();
    this.sampleFraction = assignment.sampleFraction();
    this.sweepEveryMs = sweepEvery.toMillis();
    this.sampling = new SplittableRandom(config.seed() ^ 0x5eed);
    this.nextSweep = config.historyStart().toEpochMilli() + sweepEveryMs;
  }

  /** End of the generator's history: later events come from its live phase. */
  long historyEnd() {
    return simulator.config().now().toEpochMilli();
  }

  /**
   * Plays every event before {@code until} (event time), sending training vectors to {@code training} and
   * calling {@code afterSweep} with the time of each sweep, once its sample is sent.
   */
  void playUntil(final long until, final TrainingSink training, final LongConsumer afterSweep) {
    while (true) {
      if (pending == null) {
        pending = simulator.next();
        // In the live phase the generator stamps events on the wall clock; the features need simulated time.
        pendingTime = simulator.progress().simulatedTime().toEpochMilli();
        pending.setTimestamp(Instant.ofEpochMilli(pendingTime));
      }
      while (nextSweep <= Math.min(pendingTime, until)) {
        sweep(nextSweep, training);
        afterSweep.accept(nextSweep);
        nextSweep += sweepEveryMs;
      }
      if (pendingTime >= until) {
        return;
      }
      apply(pending, pendingTime, training);
      pending = null;
    }
  }

  private void apply(final UserEvent e, final long t, final TrainingSink training) {
    events++;
    final String id = e.getUserId().toString();
    final UserState state = users.computeIfAbsent(id, k -> registry.newUser(t));
    updater.apply(state, e);
    final Long last = lastVector.get(id);
    if (last == null || t - last >= vectorMinIntervalMs) {
      training.accept(VectorSource.EVENT, registry.vector(state, t));
      lastVector.put(id, t);
      vectorsFromEvents++;
    }
  }

  private void sweep(final long at, final TrainingSink training) {
    for (final UserState s : users.values()) {
      if (sampling.nextDouble() < sampleFraction) {
        training.accept(VectorSource.SAMPLE, registry.vector(s, Math.max(at, s.lastSeen())));
        vectorsFromSweeps++;
      }
    }
  }

  /** Every user seen so far, with their vector at {@code at} and their persona now. */
  Population population(final long at) {
    final Map<String, Persona> truth = simulator.truth();
    final List<String> ids = new ArrayList<>(users.keySet());
    final double[][] vectors = new double[ids.size()][];
    final int[] personas = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      final UserState s = users.get(ids.get(i));
      vectors[i] = registry.vector(s, Math.max(at, s.lastSeen()));
      personas[i] = truth.get(ids.get(i)).ordinal();
    }
    return new Population(at, ids, vectors, personas);
  }

  List<PersonaSwitch> drift(final Persona from, final Persona to, final double fraction) {
    return simulator.drift(from, to, fraction);
  }

  long events() {
    return events;
  }

  long vectorsFromEvents() {
    return vectorsFromEvents;
  }

  long vectorsFromSweeps() {
    return vectorsFromSweeps;
  }
}
