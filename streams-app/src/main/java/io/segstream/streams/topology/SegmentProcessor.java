package io.segstream.streams.topology;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.EventType;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.SegmentAssignment;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;
import io.segstream.avro.VectorSource;
import io.segstream.core.assign.SegmentAssigner;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.core.kmeans.PopulationSnapshot;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.streams.state.CommitBufferedStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Per user: folds each event into the feature state, assigns the user to the nearest segment (with
 * hysteresis) and emits a change only when the segment really changes; sends throttled training
 * vectors to the updater. In the background, a rate-limited sweep walks the whole population: it
 * re-assigns users under a new model (MODEL_UPDATE), moves users whose features changed only because
 * time passed (INACTIVITY), adds a uniform sample of vectors to the training stream, and expires
 * users inactive beyond the retention.
 *
 * <p>All writes (state, index, outputs) belong to the task's transaction under exactly-once, so a crash
 * never loses or duplicates a change.
 *
 * <p>Output records are timestamped when they are emitted, not with the event time (which is in the
 * payload): Kafka's time-based retention reads record timestamps, and during a replay of old events an
 * event-time timestamp would have the broker delete fresh changes as soon as their segment rolls.
 */
final class SegmentProcessor implements Processor<String, Object, Object, Object> {
  static final String TO_CHANGES = "changes-sink";
  static final String TO_ASSIGNMENTS = "assignments-sink";
  static final String TO_VECTORS = "vectors-sink";
  static final Duration TICK = Duration.ofMillis(100);
  private static final long MODEL_REFRESH_MS = 1_000;

  private final SegstreamConfig config;
  private final FeatureRegistry registry;
  private final FeatureUpdater updater;
  private final SegmentAssigner assigner;
  private final SegmentMetrics metrics;
  private final StreamTime streamTime;
  private final LongSupplier wallClock;
  private final ModelCache models;
  private final int sweepBudgetPerTick;

  private ProcessorContext<Object, Object> context;
  private CommitBufferedStore<String, UserProfile> profiles;
  private CommitBufferedStore<Bytes, byte[]> members;
  private CommitBufferedStore<Integer, Long> sizes;
  private ReadOnlyKeyValueStore<String, byte[]> modelStore;
  private TrendingItemScores topItems;
  private int pruneNext;
  private long lastModelRefresh = Long.MIN_VALUE;
  private String sweepCursor = "";
  private long sweepPass;
  private boolean sweeping;
  private long sweepStartedAt = Long.MIN_VALUE;

  SegmentProcessor(final SegstreamConfig config, final FeatureRegistry registry, final FeatureUpdater updater,
      final SegmentMetrics metrics, final StreamTime streamTime, final LongSupplier wallClock) {
    this.config = config;
    this.registry = registry;
    this.updater = updater;
    this.assigner = new SegmentAssigner(config.assignment().hysteresis());
    this.metrics = metrics;
    this.streamTime = streamTime;
    this.wallClock = wallClock;
    this.models = new ModelCache(config.modelName(), registry);
    this.sweepBudgetPerTick = Math.max(1, (int) (config.assignment().sweepUsersPerSecond() * TICK.toMillis() / 1000));
  }

  @Override
  public void init(final ProcessorContext<Object, Object> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.PROFILES);
    this.members = context.getStateStore(StoreNames.MEMBERS);
    this.sizes = context.getStateStore(StoreNames.SIZES);
    this.modelStore = context.getStateStore(StoreNames.MODEL);
    this.topItems = new TrendingItemScores(context.getStateStore(StoreNames.ITEMS), config.topItems().halfLife().toMillis(),
        config.topItems().capacity());
    refreshModel(wallClock.getAsLong());
    context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(final Record<String, Object> record) {
    switch (record.value()) {
      case UserEvent e -> onEvent(record.key(), e);
      case UserDeletion d -> onDeletion(record.key(), record.timestamp());
      default -> throw new IllegalStateException("unexpected input " + record.value().getClass());
    }
  }

  private void onEvent(final String userId, final UserEvent event) {
    final long t = event.getTimestamp().toEpochMilli();
    streamTime.observe(t);
    final Optional<UserState> stored = load(userId);
    if (stored.isEmpty() && event.getType() == EventType.REVIEW_SIGNALS) {
      // Signals enrich a review the user's own events already brought in (it is appended before its signals).
      // For a user not held here they can only be late, after an erasure or expiry: never let them recreate one.
      metrics.orphanSignals();
      return;
    }
    final UserState state = stored.orElseGet(() -> registry.newUser(t));
    if (stored.isEmpty()) {
      count(UserState.UNASSIGNED, 1); // every user is counted somewhere, assigned or not
    }
    final Optional<Segmentation> model = models.current();
    if (model.isPresent() && state.isAssigned() && state.modelVersion() < model.get().version()) {
      // The sweep has not reached this user since the new model: judge the old behaviour under the new
      // model first, so a move caused by the model is reported as such, not as the user's doing.
      final boolean changed = reassess(userId, state, registry.vector(state, t), model.get(), t,
          ChangeReason.MODEL_UPDATE);
      metrics.reassessedUnderNewModel(model.get().version(), changed);
    }
    updater.apply(state, event);
    final double[] features = registry.vector(state, t); // for the assignment and the training vector both
    if (model.isPresent()) {
      reassess(userId, state, features, model.get(), t,
          state.isAssigned() ? ChangeReason.BEHAVIOR_CHANGE : ChangeReason.NEW_USER);
      metrics.assigned(t, wallClock.getAsLong());
      if (TrendingItemScores.credits(event.getType())) {
        topItems.record(state.segmentId(), event);
      }
    }
    if (t - state.lastVectorAt() >= config.assignment().vectorMinInterval().toMillis()) {
      emitVector(userId, features, t, VectorSource.EVENT);
      state.vectorEmitted(t);
    }
    profiles.write(userId, UserStateCodec.toAvro(state));
  }

  /**
   * @param features the user's feature vector at {@code now} ({@link FeatureRegistry#vector})
   * @return whether the user changed segment
   */
  private boolean reassess(final String userId, final UserState state, final double[] features,
      final Segmentation model, final long now, final ChangeReason reason) {
    final SegmentAssigner.Assignment a = assigner.assign(model, features, state.segmentId(), state.modelVersion());
    final boolean changed = !state.isAssigned() || a.segmentId() != state.segmentId();
    if (changed) {
      final Optional<Integer> previous = state.isAssigned() ? Optional.of(state.segmentId()) : Optional.empty();
      moveMember(userId, state.segmentId(), a.segmentId());
      emitChange(userId, previous, Optional.of(a.segmentId()), model.version(), a.distance(), reason, now);
      state.assign(a.segmentId(), model.version(), a.distance(), now);
      context.forward(new Record<Object, Object>(userId, SegmentAssignment.newBuilder()
          .setUserId(userId).setSegmentId(a.segmentId()).setLabel(models.label(a.segmentId()))
          .setModelVersion(model.version()).setDistance(a.distance()).setAssignedAt(Instant.ofEpochMilli(now)).build(),
          wallClock.getAsLong()), TO_ASSIGNMENTS);
    } else {
      state.assign(state.segmentId(), model.version(), a.distance(), state.assignedAt());
    }
    return changed;
  }

  private void onDeletion(final String userId, final long timestamp) {
    final Optional<UserState> state = load(userId);
    if (state.isEmpty()) {
      return;
    }
    leave(userId, state.get(), ChangeReason.USER_DELETED, streamTime.nowOr(timestamp));
  }

  /** The user leaves segmentation entirely (erasure or expiry): state, index entry and assignment go. */
  private void leave(final String userId, final UserState state, final ChangeReason reason, final long now) {
    removeMember(userId, state.segmentId());
    if (state.isAssigned()) {
      emitChange(userId, Optional.of(state.segmentId()), Optional.empty(), state.modelVersion(), 0.0, reason, now);
    }
    profiles.remove(userId);
    context.forward(new Record<Object, Object>(userId, null, wallClock.getAsLong()), TO_ASSIGNMENTS); // tombstone
    // and on the training stream: the updater drops the user from its population sample
    context.forward(new Record<Object, Object>(userId, null, wallClock.getAsLong()), TO_VECTORS);
  }

  /** Moves the user in the membership index and the per-segment counts ({@link UserState#UNASSIGNED} counts too). */
  private void moveMember(final String userId, final int from, final int to) {
    removeMember(userId, from);
    if (to != UserState.UNASSIGNED) {
      members.write(SegmentKeys.key(to, userId), new byte[0]);
    }
    count(to, 1);
  }

  private void removeMember(final String userId, final int from) {
    if (from != UserState.UNASSIGNED) {
      members.remove(SegmentKeys.key(from, userId));
    }
    count(from, -1);
  }

  private void count(final int segment, final long delta) {
    final long updated = sizes.latest(segment).orElse(0L) + delta;
    if (updated <= 0) {
      sizes.remove(segment);
    } else {
      sizes.write(segment, updated);
    }
  }

  private void emitChange(final String userId, final Optional<Integer> from, final Optional<Integer> to,
      final long modelVersion, final double distance, final ChangeReason reason, final long eventTime) {
    final SegmentChange change = SegmentChange.newBuilder()
        .setUserId(userId)
        .setPreviousSegmentId(from.orElse(null)).setPreviousLabel(from.map(models::label).orElse(null))
        .setSegmentId(to.orElse(null)).setLabel(to.map(models::label).orElse(null))
        .setModelVersion(modelVersion).setDistance(distance).setReason(reason)
        .setEventTime(Instant.ofEpochMilli(eventTime)).setEmittedAt(Instant.ofEpochMilli(wallClock.getAsLong()))
        .build();
    context.forward(new Record<Object, Object>(userId, change, change.getEmittedAt().toEpochMilli()), TO_CHANGES);
    metrics.change(from.map(String::valueOf).orElse("none"), to.map(String::valueOf).orElse("none"), reason);
  }

  private void emitVector(final String userId, final double[] features, final long now, final VectorSource source) {
    final FeatureVector v = FeatureVector.newBuilder()
        .setUserId(userId).setTimestamp(Instant.ofEpochMilli(now)).setFeatureSet(registry.featureSetId())
        .setValues(SegmentationCodec.boxed(features)).setSource(source).build();
    context.forward(new Record<Object, Object>(userId, v, wallClock.getAsLong()), TO_VECTORS);
    metrics.vector(source);
  }

  private Optional<UserState> load(final String userId) {
    final Optional<UserProfile> stored = profiles.latest(userId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    final UserProfile p = stored.get();
    if (!UserStateCodec.layoutMatches(p, registry.layout())) {
      metrics.layoutReset();
    }
    return Optional.of(UserStateCodec.fromAvro(p, registry.layout()));
  }

  // ---- background sweep -------------------------------------------------------------------------

  /**
   * The sweep's sample rotates through the population instead of drawing at random: with a fraction f, users fall
   * into round(1/f) buckets by a hash of their id, and each pass samples the next bucket. Every user is sampled
   * once every round(1/f) passes, so after that many passes the updater's population sample holds everyone's
   * current features, however the history arrived.
   */
  private boolean sampledInThisPass(final String userId) {
    final double fraction = config.assignment().sampleFraction();
    if (fraction <= 0) {
      return false;
    }
    final int buckets = Math.max(1, (int) Math.round(1.0 / fraction));
    return buckets == 1 || PopulationSnapshot.bucket(userId, buckets) == Math.floorMod(sweepPass, buckets);
  }

  private void tick(final long wallNow) {
    if (refreshModel(wallNow) && config.assignment().sweepEnabled()) {
      // A new model: start over so the whole population is re-assigned under it.
      startSweep(wallNow);
    }
    if (config.assignment().sweepEnabled() && !sweeping && (sweepStartedAt == Long.MIN_VALUE
        || wallNow - sweepStartedAt >= config.assignment().sweepInterval().toMillis())) {
      startSweep(wallNow);
    }
    if (sweeping) {
      sweepSome();
    }
    pruneTopItems();
  }

  /** One segment per tick, round-robin: keeps the trending-items state bounded without a pause. */
  private void pruneTopItems() {
    final Optional<Segmentation> model = models.current();
    final long now = streamTime.nowOr(Long.MIN_VALUE);
    if (model.isEmpty() || now == Long.MIN_VALUE) {
      return;
    }
    final int k = model.get().k();
    pruneNext = (pruneNext + 1) % k;
    topItems.prune(model.get().segments().get(pruneNext).id(), now);
  }

  private boolean refreshModel(final long wallNow) {
    if (lastModelRefresh != Long.MIN_VALUE && wallNow - lastModelRefresh < MODEL_REFRESH_MS) {
      return false;
    }
    lastModelRefresh = wallNow;
    final boolean updated = models.refresh(modelStore);
    models.current().ifPresent(m -> metrics.modelVersion(m.version()));
    return updated;
  }

  private void startSweep(final long wallNow) {
    sweepPass++;
    sweeping = true;
    sweepCursor = "";
    sweepStartedAt = wallNow;
  }

  private void sweepSome() {
    final long now = streamTime.nowOr(Long.MIN_VALUE);
    if (now == Long.MIN_VALUE) {
      sweeping = false; // no event time yet: nothing to evaluate against
      return;
    }
    final Optional<Segmentation> model = models.current();
    final long retention = config.assignment().retention().toMillis();
    final List<KeyValue<String, UserProfile>> batch = new ArrayList<>(Math.min(sweepBudgetPerTick, 4096));
    // Collect first, write after: no store writes while an iterator is open on it. The iterator reads what is
    // written; each profile is brought up to date with the writes since the last commit (users who arrived since
    // are not written yet, and are judged by their own events until the next pass).
    String cursor = sweepCursor;
    try (KeyValueIterator<String, UserProfile> it = sweepCursor.isEmpty() ? profiles.all() : profiles.range(sweepCursor, null)) {
      while (it.hasNext() && batch.size() < sweepBudgetPerTick) {
        final KeyValue<String, UserProfile> kv = it.next();
        if (!kv.key.equals(sweepCursor)) {
          cursor = kv.key;
          profiles.overlay(kv.key, kv.value).ifPresent(p -> batch.add(KeyValue.pair(kv.key, p)));
        }
      }
      if (!it.hasNext()) {
        sweeping = false;
      }
    }
    sweepCursor = cursor;
    for (final KeyValue<String, UserProfile> kv : batch) {
      final UserState state = UserStateCodec.fromAvro(kv.value, registry.layout());
      if (now - state.lastSeen() > retention) {
        leave(kv.key, state, ChangeReason.EXPIRED, now);
        continue;
      }
      final long at = Math.max(now, state.lastSeen());
      final double[] features = registry.vector(state, at);
      if (model.isPresent()) {
        final boolean newModel = state.modelVersion() < model.get().version();
        final int before = state.segmentId();
        final boolean changed = reassess(kv.key, state, features, model.get(), at,
            newModel || !state.isAssigned() ? (state.isAssigned() ? ChangeReason.MODEL_UPDATE : ChangeReason.NEW_USER)
                : ChangeReason.INACTIVITY);
        if (newModel) {
          metrics.reassessedUnderNewModel(model.get().version(), changed);
        }
        if (changed || newModel || before != state.segmentId()) {
          profiles.write(kv.key, UserStateCodec.toAvro(state));
        }
      }
      if (sampledInThisPass(kv.key)) {
        emitVector(kv.key, features, at, VectorSource.SAMPLE);
      }
    }
    metrics.swept(batch.size());
  }
}
