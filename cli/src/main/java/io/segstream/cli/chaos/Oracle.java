package io.segstream.cli.chaos;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.UserEvent;
import io.segstream.core.assign.SegmentAssigner;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.generator.Persona;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.topology.EventValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact changes a run must produce, worked out without Kafka: each accepted event folded through {@code core}
 * (feature updater, assigner with hysteresis) under a frozen model, as the segment processor does with the sweep
 * off. Also builds that frozen model: one centre per hidden persona, the mean of its users' final vectors.
 */
final class Oracle {
  private final List<ChangeKey> changes;
  private final Map<String, Integer> finalSegment;
  private final Map<String, List<Integer>> history;
  private final int rejected;

  private Oracle(final List<ChangeKey> changes, final Map<String, Integer> finalSegment,
      final Map<String, List<Integer>> history, final int rejected) {
    this.changes = List.copyOf(changes);
    this.finalSegment = Map.copyOf(finalSegment);
    this.history = Map.copyOf(history);
    this.rejected = rejected;
  }

  /** The events the validator accepts, as the processor sees them; the rest are dead-lettered. */
  static List<UserEvent> accepted(final SegstreamConfig config, final List<UserEvent> events, final long wallNow) {
    final EventValidator validator = new EventValidator(config.validation());
    final List<UserEvent> out = new ArrayList<>();
    for (final UserEvent e : events) {
      validator.validate(AvroSerdes.USER_EVENT.serialize("", e), wallNow).accepted().ifPresent(a -> out.add(a.event()));
    }
    return out;
  }

  static Oracle fold(final SegstreamConfig config, final Segmentation model, final List<UserEvent> events) {
    final FeatureRegistry registry = FeatureRegistry.standard(config.features());
    final FeatureUpdater updater = registry.updater(CategoryResolver.shopCategory());
    final SegmentAssigner assigner = new SegmentAssigner(config.assignment().hysteresis());
    final List<UserEvent> ok = accepted(config, events, System.currentTimeMillis());
    final Map<String, UserState> states = new LinkedHashMap<>();
    final Map<String, List<Integer>> history = new HashMap<>();
    final List<ChangeKey> changes = new ArrayList<>();
    for (final UserEvent e : ok) {
      final long t = e.getTimestamp().toEpochMilli();
      final String user = e.getUserId();
      final UserState s = states.computeIfAbsent(user, u -> registry.newUser(t));
      updater.apply(s, e);
      final SegmentAssigner.Assignment a = assigner.assign(model, registry.vector(s, t), s.segmentId());
      if (!s.isAssigned() || a.segmentId() != s.segmentId()) {
        changes.add(new ChangeKey(user, t, s.isAssigned() ? ChangeReason.BEHAVIOR_CHANGE : ChangeReason.NEW_USER,
            s.isAssigned() ? Optional.of(s.segmentId()) : Optional.empty(), Optional.of(a.segmentId())));
        history.computeIfAbsent(user, u -> new ArrayList<>()).add(a.segmentId());
        s.assign(a.segmentId(), model.version(), a.distance(), t);
      } else {
        s.assign(s.segmentId(), model.version(), a.distance(), s.assignedAt());
      }
    }
    final Map<String, Integer> last = new HashMap<>();
    states.forEach((u, s) -> last.put(u, s.segmentId()));
    return new Oracle(changes, last, history, events.size() - ok.size());
  }

  /**
   * The same run followed by the erasure of {@code erased} (after all their events): one {@code USER_DELETED} each,
   * from their final segment, and they are no longer anywhere.
   */
  Oracle withErasures(final java.util.Set<String> erased) {
    final List<ChangeKey> all = new ArrayList<>(changes);
    final Map<String, Integer> remaining = new HashMap<>(finalSegment);
    for (final String user : erased) {
      final Integer last = remaining.remove(user);
      if (last != null) {
        all.add(new ChangeKey(user, 0, ChangeReason.USER_DELETED, Optional.of(last), Optional.empty()));
      }
    }
    return new Oracle(all, remaining, history, rejected);
  }

  /** One segment per persona, centred on the mean final vector of its users (scaled over all users). */
  static Segmentation frozenModel(final SegstreamConfig config, final List<UserEvent> events,
      final Map<String, Persona> personas) {
    final FeatureRegistry registry = FeatureRegistry.standard(config.features());
    final FeatureUpdater updater = registry.updater(CategoryResolver.shopCategory());
    final Map<String, UserState> states = new LinkedHashMap<>();
    final Map<String, Long> lastSeen = new HashMap<>();
    for (final UserEvent e : accepted(config, events, System.currentTimeMillis())) {
      final long t = e.getTimestamp().toEpochMilli();
      updater.apply(states.computeIfAbsent(e.getUserId(), u -> registry.newUser(t)), e);
      lastSeen.put(e.getUserId(), t);
    }
    final Map<String, double[]> vectors = new LinkedHashMap<>();
    states.forEach((u, s) -> vectors.put(u, registry.vector(s, lastSeen.get(u))));
    final Scaler scaler = Scaler.fit(vectors.values().toArray(double[][]::new));
    final List<Segment> segments = new ArrayList<>();
    int id = 0;
    for (final Persona p : Persona.values()) {
      final List<double[]> members = vectors.entrySet().stream().filter(v -> personas.get(v.getKey()) == p)
          .map(Map.Entry::getValue).toList();
      if (members.isEmpty()) {
        continue;
      }
      final double[] mean = new double[registry.dimension()];
      members.forEach(v -> {
        for (int j = 0; j < mean.length; j++) {
          mean[j] += v[j] / members.size();
        }
      });
      segments.add(new Segment(id++, p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          "frozen for a fault-injection run", scaler.transform(mean), members.size(), 0, 1));
    }
    return new Segmentation(config.modelName(), 1, 1, registry.featureSetId(), registry.clusteringNames(), scaler,
        segments, 1.0, vectors.size(), Instant.now(), id, Map.of("frozen", "chaos"));
  }

  List<ChangeKey> changes() {
    return changes;
  }

  /** Each user's segment after all their events. */
  Map<String, Integer> finalSegment() {
    return finalSegment;
  }

  /** Every segment the user has been in, in order: what an IQ answer may show at any moment. */
  List<Integer> history(final String user) {
    return history.getOrDefault(user, List.of());
  }

  /** Events the validator refuses, which must reach the dead-letter topic instead. */
  int rejected() {
    return rejected;
  }
}
