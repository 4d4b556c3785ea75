package io.segstream.streams.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.segstream.avro.UserProfile;
import io.segstream.core.features.FeatureDef;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.Transform;
import io.segstream.core.features.UserState;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.topology.SegmentKeys;
import io.segstream.streams.topology.StoreNames;
import io.segstream.streams.topology.StreamTime;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers the REST API from Kafka Streams' interactive queries. A user lives in one partition, so user lookups
 * go where the {@link QueryRouter} says (the active copy, else a standby); segment sizes and members are spread
 * over all instances, so those are gathered from each and merged, naming the instances that did not answer.
 */
public final class SegmentQueries {
  /** Set on forwarded requests so the receiver answers from its own stores instead of forwarding again. */
  public static final String LOCAL_ONLY_HEADER = QueryRouter.LOCAL_ONLY_HEADER;

  private final KafkaStreams streams;
  private final FeatureRegistry registry;
  private final String modelName;
  private final StreamTime streamTime;
  private final QueryRouter router;
  private final ObjectMapper json = new ObjectMapper();

  public SegmentQueries(final KafkaStreams streams, final FeatureRegistry registry, final String modelName,
      final StreamTime streamTime, final HostInfo self) {
    this(streams, registry, modelName, streamTime, self, Optional.empty());
  }

  /** @param forwardingToken the bearer token other instances require, if the API is authenticated */
  public SegmentQueries(final KafkaStreams streams, final FeatureRegistry registry, final String modelName,
      final StreamTime streamTime, final HostInfo self, final Optional<String> forwardingToken) {
    this.streams = streams;
    this.registry = registry;
    this.modelName = modelName;
    this.streamTime = streamTime;
    this.router = new QueryRouter(streams, self, forwardingToken);
  }

  // ---- model --------------------------------------------------------------------------------------

  public Optional<Segmentation> model() {
    final byte[] bytes = store(StoreNames.MODEL, String.class, byte[].class).get(modelName);
    if (bytes == null) {
      return Optional.empty();
    }
    // Every user lookup names the user's segment: decoding the whole model on each one was the largest cost of
    // GET /v1/users/{id} (docs/performance.md). The model changes a few times a minute, so keep the last decoded one.
    final DecodedModel last = lastModel;
    if (last != null && java.util.Arrays.equals(last.bytes(), bytes)) {
      return Optional.of(last.model());
    }
    try {
      final Segmentation model = SegmentationCodec.fromAvro(AvroSerdes.SEGMENT_MODEL.decode(bytes));
      lastModel = new DecodedModel(bytes, model);
      return Optional.of(model);
    } catch (final SerializationException | IllegalArgumentException e) {
      throw new QueryException(503, "the current model cannot be read: " + e.getMessage());
    }
  }

  /** The model as stored and as decoded; replaced as a whole, so readers on other threads see a matching pair. */
  private record DecodedModel(byte[] bytes, Segmentation model) {}

  private volatile DecodedModel lastModel;

  public Responses.Model modelResponse() {
    final Segmentation m = model().orElseThrow(() -> new QueryException(404,
        "no model yet: the updater publishes the first one after it has seen enough feature vectors"));
    return new Responses.Model(m.name(), m.version(), m.generation(), m.k(), m.featureSet(), m.featureNames(),
        m.trainedVectors(), m.inertia(), m.publishedAt().toString(), m.parameters());
  }

  // ---- users --------------------------------------------------------------------------------------

  /**
   * @param localOnly a request forwarded by another instance: answer from this instance's copy
   * @param staleOk   that copy may be a standby one
   * @return the JSON body for the user, from the active copy of its partition or else a standby copy
   */
  public QueryRouter.Answer user(final String userId, final boolean localOnly, final boolean staleOk)
      throws IOException {
    final QueryRouter.LocalAnswer local = (partition, allowStale) -> readLocal(partition, allowStale,
        (store, stale) -> json.writeValueAsString(localUser(store, userId, stale)));
    if (localOnly) {
      return local.answer(router.hostsFor(StoreNames.PROFILES, userId).partition(), staleOk);
    }
    return router.route(StoreNames.PROFILES, userId, "/v1/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8),
        local);
  }

  /** @return the JSON explanation of the user's assignment, from the active copy of its partition or a standby */
  public QueryRouter.Answer explain(final String userId, final boolean localOnly, final boolean staleOk)
      throws IOException {
    final QueryRouter.LocalAnswer local = (partition, allowStale) -> readLocal(partition, allowStale,
        (store, stale) -> localExplain(store, userId));
    if (localOnly) {
      return local.answer(router.hostsFor(StoreNames.PROFILES, userId).partition(), staleOk);
    }
    return router.route(StoreNames.PROFILES, userId,
        "/v1/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "/explain", local);
  }

  @FunctionalInterface
  private interface ProfileRead {
    String read(ReadOnlyKeyValueStore<String, UserProfile> store, boolean possiblyStale) throws IOException;
  }

  /** Reads from the active copy of the partition here, or, when allowed and there is none, from a standby copy. */
  private QueryRouter.Answer readLocal(final int partition, final boolean allowStale, final ProfileRead read)
      throws IOException {
    try {
      return new QueryRouter.Answer(read.read(router.partitionStore(StoreNames.PROFILES, partition, false), false),
          false);
    } catch (final InvalidStateStoreException e) {
      if (!allowStale) {
        throw router.notHeld(StoreNames.PROFILES, partition, false);
      }
    }
    try {
      return new QueryRouter.Answer(read.read(router.partitionStore(StoreNames.PROFILES, partition, true), true),
          true);
    } catch (final InvalidStateStoreException e) {
      throw router.notHeld(StoreNames.PROFILES, partition, true);
    } catch (final QueryException e) {
      if (e.status() != 404) {
        throw e;
      }
      // A standby copy may still be catching up (a new standby starts empty): its "unknown" proves nothing.
      throw new QueryException(503, "not found in this instance's standby copy of partition " + partition
          + ", which may lag; retry shortly");
    }
  }

  private String localExplain(final ReadOnlyKeyValueStore<String, UserProfile> store, final String userId)
      throws IOException {
    final UserProfile p = store.get(userId);
    if (p == null) {
      throw new QueryException(404, "unknown user '" + userId + "'");
    }
    final UserState s = io.segstream.streams.topology.UserStateCodec.fromAvro(p, registry.layout());
    if (!s.isAssigned()) {
      throw new QueryException(409, "user '" + userId + "' is not assigned to a segment yet (no model so far)");
    }
    final Segmentation m = model().orElseThrow(() -> new QueryException(404, "no model yet"));
    if (m.segment(s.segmentId()).isEmpty()) {
      throw new QueryException(409, "user '" + userId + "' is still in segment " + s.segmentId()
          + " of an older model; the background sweep re-assigns them shortly");
    }
    final long now = Math.max(s.lastSeen(), streamTime.nowOr(s.lastSeen()));
    return json.writeValueAsString(new io.segstream.core.explain.Explainer(registry)
        .explain(m, registry.vector(s, now), s.segmentId()));
  }

  Responses.User localUser(final ReadOnlyKeyValueStore<String, UserProfile> store, final String userId,
      final boolean possiblyStale) {
    final UserProfile p = store.get(userId);
    if (p == null) {
      throw new QueryException(404, "unknown user '" + userId + "'");
    }
    final UserState s = io.segstream.streams.topology.UserStateCodec.fromAvro(p, registry.layout());
    final long now = Math.max(s.lastSeen(), streamTime.nowOr(s.lastSeen()));
    final Optional<Segmentation> m = model();
    final String label = !s.isAssigned() ? null
        : m.flatMap(x -> x.segment(s.segmentId())).map(Segment::label).orElse("segment " + s.segmentId() + " (retired)");
    return new Responses.User(userId, s.segmentId(), label, s.modelVersion(),
        s.isAssigned() ? Instant.ofEpochMilli(s.assignedAt()).toString() : null, s.distance(),
        Instant.ofEpochMilli(s.lastSeen()).toString(), registry.topCategory(s, now).orElse(null),
        registry.describe(s, now), possiblyStale);
  }

  // ---- segments -----------------------------------------------------------------------------------

  public Responses.Segments segments() throws IOException {
    final Segmentation m = model().orElseThrow(() -> new QueryException(404, "no model yet"));
    final Map<Integer, Long> sizes = new HashMap<>(localSizes());
    final QueryRouter.FanOut<Responses.Sizes> remote = router.fanOut("/v1/internal/sizes", Responses.Sizes.class);
    remote.answers().forEach(r -> r.sizes().forEach((k, v) -> sizes.merge(k, v, Long::sum)));
    final List<Responses.Segment> out = new ArrayList<>();
    long total = 0;
    for (final Segment s : m.segments()) {
      final long size = sizes.getOrDefault(s.id(), 0L);
      total += size;
      out.add(new Responses.Segment(s.id(), s.label(), s.description(), size, s.weight(), s.movement(),
          s.createdVersion(), centroidInOriginalUnits(m, s)));
    }
    return new Responses.Segments(m.version(), m.publishedAt().toString(), total,
        sizes.getOrDefault(io.segstream.core.features.UserState.UNASSIGNED, 0L), out, remote.unanswered());
  }

  private Map<String, Double> centroidInOriginalUnits(final Segmentation m, final Segment s) {
    final double[] x = m.scaler().inverse(s.centroid());
    final Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < x.length; j++) {
      final String name = m.featureNames().get(j);
      final Transform t = registry.feature(name).map(FeatureDef::transform).orElse(Transform.IDENTITY);
      out.put(name, t.invert(x[j]));
    }
    return out;
  }

  public Map<Integer, Long> localSizes() {
    final Map<Integer, Long> out = new HashMap<>();
    if (!router.activeHere(StoreNames.SIZES)) {
      // Only standbys here (e.g. restarted from an empty state while another instance kept the work): no users
      // are counted here, which is an answer, not a "retry" (Kafka Streams throws for "all of none").
      return out;
    }
    // One store per local task: the same segment appears once per task.
    try (KeyValueIterator<Integer, Long> it = store(StoreNames.SIZES, Integer.class, Long.class).all()) {
      while (it.hasNext()) {
        final KeyValue<Integer, Long> kv = it.next();
        out.merge(kv.key, kv.value, Long::sum);
      }
    }
    return out;
  }

  public Responses.Members members(final int segmentId, final String after, final int limit, final boolean localOnly)
      throws IOException {
    final TreeSet<String> users = new TreeSet<>(localMembers(segmentId, after, limit));
    List<String> unanswered = List.of();
    if (!localOnly) {
      final QueryRouter.FanOut<Responses.Members> remote = router.fanOut("/v1/segments/" + segmentId
          + "/users?limit=" + limit + "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8),
          Responses.Members.class);
      remote.answers().forEach(r -> users.addAll(r.users()));
      unanswered = remote.unanswered();
    }
    final List<String> page = users.stream().limit(limit).toList();
    return new Responses.Members(segmentId, page, page.size() == limit ? page.getLast() : null, unanswered);
  }

  private List<String> localMembers(final int segmentId, final String after, final int limit) {
    // Each local task has its own sorted range; merge them and keep the first `limit`.
    final TreeSet<String> out = new TreeSet<>();
    if (!router.activeHere(StoreNames.MEMBERS)) {
      return new ArrayList<>(out);
    }
    try (KeyValueIterator<Bytes, byte[]> it = store(StoreNames.MEMBERS, Bytes.class, byte[].class)
        .range(SegmentKeys.from(segmentId, after), SegmentKeys.to(segmentId))) {
      while (it.hasNext()) {
        final String user = SegmentKeys.id(it.next().key);
        if (out.size() < limit) {
          out.add(user);
        } else if (user.compareTo(out.last()) < 0) {
          out.pollLast();
          out.add(user);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Users held by this instance, assigned or not. */
  public long localUserCount() {
    return localSizes().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Current segment of every user this instance holds (-1 if not yet assigned); a full scan, for reports. */
  public Map<String, Integer> localAssignments() {
    final Map<String, Integer> out = new HashMap<>();
    try (KeyValueIterator<String, UserProfile> it = store(StoreNames.PROFILES, String.class, UserProfile.class).all()) {
      while (it.hasNext()) {
        final KeyValue<String, UserProfile> kv = it.next();
        out.put(kv.key, kv.value.getSegmentId());
      }
    }
    return out;
  }

  /**
   * The segment's trending products: scores summed over every task and instance (each keeps its own top
   * products per segment, so a product's total is approximate when it is not in every task's top list).
   */
  public Responses.SegmentTopItems topItems(final int segmentId, final int limit, final boolean localOnly, final double halfLifeMs,
      final int capacity) throws IOException {
    final Map<String, Responses.Item> merged = new HashMap<>(localTopItems(segmentId, halfLifeMs));
    List<String> unanswered = List.of();
    if (!localOnly) {
      final QueryRouter.FanOut<Responses.SegmentTopItems> remote = router.fanOut("/v1/segments/" + segmentId
          + "/top-items?limit=" + capacity, Responses.SegmentTopItems.class);
      remote.answers().forEach(r -> r.items().forEach(i -> merged.merge(i.productId(), i, (a, b) ->
          new Responses.Item(a.productId(), a.name() != null ? a.name() : b.name(),
              a.category() != null ? a.category() : b.category(), a.score() + b.score()))));
      unanswered = remote.unanswered();
    }
    final List<Responses.Item> top = merged.values().stream()
        .sorted(java.util.Comparator.comparingDouble(Responses.Item::score).reversed()).limit(limit).toList();
    final String label = model().flatMap(m -> m.segment(segmentId)).map(Segment::label)
        .orElseThrow(() -> new QueryException(404, "no segment " + segmentId + " in the current model"));
    return new Responses.SegmentTopItems(segmentId, label, top, unanswered);
  }

  private Map<String, Responses.Item> localTopItems(final int segmentId, final double halfLifeMs) {
    final long now = streamTime.nowOr(System.currentTimeMillis());
    final Map<String, Responses.Item> out = new HashMap<>();
    if (!router.activeHere(StoreNames.ITEMS)) {
      return out;
    }
    try (KeyValueIterator<Bytes, io.segstream.avro.ItemScore> it = store(StoreNames.ITEMS, Bytes.class,
        io.segstream.avro.ItemScore.class).range(SegmentKeys.from(segmentId, ""), SegmentKeys.to(segmentId))) {
      while (it.hasNext()) {
        final KeyValue<Bytes, io.segstream.avro.ItemScore> kv = it.next();
        final io.segstream.avro.ItemScore s = kv.value;
        final double score = now <= s.getUpdatedAt() ? s.getScore()
            : s.getScore() * Math.pow(2.0, -(now - s.getUpdatedAt()) / halfLifeMs);
        out.merge(SegmentKeys.id(kv.key), new Responses.Item(SegmentKeys.id(kv.key), s.getName(), s.getCategory(), score),
            (a, b) -> new Responses.Item(a.productId(), a.name(), a.category(), a.score() + b.score()));
      }
    }
    return out;
  }

  // ---- plumbing -----------------------------------------------------------------------------------

  /**
   * What every other instance answers to {@code GET pathAndQuery} from its own stores, for endpoints that add up
   * per-instance numbers (the dashboard's counters); instances that do not answer are listed, not fatal.
   */
  public <T> QueryRouter.FanOut<T> fromOtherInstances(final String pathAndQuery, final Class<T> type) {
    return router.fanOut(pathAndQuery, type);
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(final String name, final Class<K> k, final Class<V> v) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    } catch (final InvalidStateStoreException e) {
      throw new QueryException(503, "state store " + name + " is not queryable right now (" + streams.state()
          + "); retry shortly");
    }
  }
}
