package io.segstream.updater;

import io.micrometer.core.instrument.MeterRegistry;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.core.topics.TopicCatalogue;
import io.segstream.core.topics.TopicProvisioner;
import io.segstream.core.topics.TopicSetupException;
import io.segstream.schemas.Serdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-updater service: consumes training vectors, trains the online model ({@link ModelTrainer})
 * and publishes it with the consumed offsets in one transaction ({@link ModelPublisher}).
 *
 * <p>Several instances may run; one is active per model. The lock is partition 0 of the model topic in
 * consumer group {@code <application.id>-updater-lock}: whoever is assigned it trains; the others stand
 * by and take over when it leaves. On becoming active an updater fences older producers, reads the latest
 * model of its name from the model topic and resumes it, and positions itself at the committed offsets of
 * group {@code <application.id>-updater} (earliest if none), so it continues exactly where the published
 * model left off. Losing the lock, or being fenced, drops unpublished progress and returns to standby.
 *
 * <p>Runs on its own thread ({@link #start()}); {@link #close()} is quick and idempotent.
 */
public final class ModelUpdater implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelUpdater.class);

  /** Lifecycle as seen from outside. */
  public enum State { NEW, STARTING, STANDBY, ACTIVE, CLOSED }

  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
  private static final Duration STANDBY_POLL = Duration.ofMillis(250);
  private static final Duration MAX_POLL = Duration.ofMillis(100);
  private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
  private static final Duration PARTITION_RETRY = Duration.ofSeconds(2);
  private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_FENCED_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final SegstreamConfig config;
  private final FeatureRegistry registry;
  private final SegmentNamer namer;
  private final Clock clock;
  private final UpdaterMetrics metrics;
  private final String modelName;
  private final String vectorsTopic;
  private final String modelTopic;
  private final TopicPartition lockPartition;
  private final RejectionLog undecodable;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile State state = State.NEW;
  private volatile Segmentation lastModel;
  private volatile Thread thread;

  // Kafka clients: created by start(), used by the updater thread; woken up by close().
  private volatile KafkaConsumer<byte[], byte[]> lock;
  private volatile KafkaConsumer<String, byte[]> vectors;
  private volatile KafkaConsumer<?, ?> reader;

  // Updater-thread state.
  private ModelPublisher publisher;
  private ModelTrainer trainer;
  private boolean ownsLock;
  private long activateNotBefore;   // System.nanoTime() for retry backoff
  private int failures;
  private final Set<TopicPartition> vectorPartitions = new HashSet<>();
  private long nextPartitionRefresh;
  private long nextLag;
  private long pendingSince;
  private boolean topicMissingLogged;
  private Duration fencedBackoff = DEFAULT_FENCED_BACKOFF;

  public ModelUpdater(final SegstreamConfig config, final MeterRegistry meterRegistry) {
    this(config, FeatureRegistry.standard(config.features()), meterRegistry, Clock.systemUTC());
  }

  public ModelUpdater(final SegstreamConfig config, final FeatureRegistry registry, final MeterRegistry meterRegistry,
      final Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.namer = new SegmentNamer(registry);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.modelName = config.modelName();
    this.vectorsTopic = config.topics().featureVectors();
    this.modelTopic = config.topics().model();
    this.lockPartition = new TopicPartition(modelTopic, 0);
    this.metrics = new UpdaterMetrics(Objects.requireNonNull(meterRegistry, "meterRegistry"), modelName);
    this.undecodable = new RejectionLog(log, clock, modelName);
  }

  /**
   * How long a fenced updater that still holds the lock waits before trying to become active again (30 s).
   * Normally the group moves the lock to the updater that fenced it well before that. For tests.
   */
  ModelUpdater fencedBackoff(final Duration d) {
    this.fencedBackoff = d;
    return this;
  }

  /** Consumer group whose partition-0 owner is the active updater (one per model name). */
  public static String lockGroupId(final SegstreamConfig config) {
    return config.applicationId() + "-updater-lock-" + config.modelName();
  }

  /** Consumer group holding the committed training positions (never joined; offsets only). */
  public static String offsetsGroupId(final SegstreamConfig config) {
    return config.applicationId() + "-updater-" + config.modelName();
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /**
   * Creates the Kafka clients and starts the updater thread. Returns at once; the updater starts in
   * standby and becomes active when it gets the lock.
   *
   * @throws org.apache.kafka.common.KafkaException if a client cannot be created (e.g. unresolvable bootstrap servers)
   */
  public ModelUpdater start() {
    if (closed.get()) {
      throw new IllegalStateException("model updater was closed");
    }
    if (!started.compareAndSet(false, true)) {
      return this;
    }
    state = State.STARTING;
    try {
      lock = new KafkaConsumer<>(lockProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      vectors = new KafkaConsumer<>(vectorProps(), new StringDeserializer(), new ByteArrayDeserializer());
    } catch (final RuntimeException e) {
      closeQuietly(lock);
      state = State.CLOSED;
      stopped.countDown();
      throw e;
    }
    final Thread t = new Thread(this, "segstream-updater-" + modelName + "-" + INSTANCES.incrementAndGet());
    thread = t;
    t.start();
    return this;
  }

  /**
   * Stops: an active updater publishes what it trained since its last publication (with the offsets), then
   * leaves the lock group so a standby takes over at once, and releases everything. Idempotent; returns
   * within seconds even if Kafka is unreachable.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      awaitStopped(Duration.ofSeconds(40));
      return;
    }
    running = false;
    closing.countDown();
    wakeup(lock);
    wakeup(vectors);
    wakeup(reader);
    final Thread t = thread;
    if (t == null) {
      // Never started.
      metrics.close();
      state = State.CLOSED;
      stopped.countDown();
      return;
    }
    if (t != Thread.currentThread() && !awaitStopped(Duration.ofSeconds(5))) {
      // Blocked in a call that wakeup() does not reach (admin, initTransactions against an unreachable broker).
      t.interrupt();
      if (!awaitStopped(Duration.ofSeconds(30))) {
        log.warn("model updater for '{}' did not stop within 35 s", modelName);
      }
    }
  }

  private boolean awaitStopped(final Duration d) {
    try {
      return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Blocks until the updater has stopped (after {@link #close()}, or if its thread died). */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /** As {@link #awaitTermination()}, at most {@code timeout}; true if stopped. */
  public boolean awaitTermination(final Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public State state() {
    return state;
  }

  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** The model this updater last published or resumed. */
  public Optional<Segmentation> lastModel() {
    return Optional.ofNullable(lastModel);
  }

  public String modelName() {
    return modelName;
  }

  // ---------------------------------------------------------------------------------------------- main loop

  @Override
  public void run() {
    try {
      if (!prepareTopics()) {
        return;
      }
      lock.subscribe(List.of(modelTopic), new LockListener());
      state = State.STANDBY;
      metrics.active(false);
      log.info("model updater for '{}' started: STANDBY until it holds the lock (group '{}', topic '{}')",
          modelName, lockGroupId(config), modelTopic);
      while (running) {
        loopOnce();
      }
    } catch (final WakeupException | InterruptException e) {
      // close() asked us to stop.
    } catch (final RuntimeException | Error e) {
      log.error("model updater for '{}' stopped unexpectedly", modelName, e);
    } finally {
      shutdown();
    }
  }

  private void loopOnce() {
    try {
      lock.poll(state == State.ACTIVE ? Duration.ZERO : STANDBY_POLL);
      if (ownsLock && state != State.ACTIVE && System.nanoTime() - activateNotBefore >= 0) {
        activate();
      }
      if (state == State.ACTIVE) {
        step();
      }
    } catch (final WakeupException e) {
      if (running) {
        log.debug("spurious wakeup ignored");
      }
    } catch (final InterruptException e) {
      running = false;
    } catch (final KafkaException e) {
      if (fenced(e)) {
        stepDown("another updater took over: producer fenced");
        activateNotBefore = System.nanoTime() + fencedBackoff.toNanos();
      } else {
        trouble(e, false);
      }
    } catch (final RuntimeException e) {
      trouble(e, true);
    }
  }

  private void trouble(final RuntimeException e, final boolean unexpected) {
    failures++;
    final long backoffMs = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 5));
    final boolean wasActive = state == State.ACTIVE;
    final String what = wasActive ? "training interrupted" : "cannot activate";
    if (unexpected) {
      log.error("model updater for '{}': {} by an unexpected error; retrying in {} s", modelName, what,
          backoffMs / 1000, e);
    } else {
      log.warn("model updater for '{}': {} ({}: {}); retrying in {} s", modelName, what,
          e.getClass().getSimpleName(), rootMessage(e), backoffMs / 1000);
    }
    stepDown(null);
    activateNotBefore = System.nanoTime() + backoffMs * 1_000_000;
    if (!ownsLock) {
      sleep(Duration.ofMillis(backoffMs));
    }
  }

  /** Becomes the active trainer: fence older producers, resume the latest model, seek to committed offsets. */
  private void activate() {
    final Map<String, Object> base = config.kafkaClientBase();
    log.info("model updater for '{}' holds the lock: becoming ACTIVE", modelName);
    publisher = new ModelPublisher(base, modelTopic,
        ModelPublisher.transactionalId(config.applicationId(), modelName));
    publisher.init();
    final Optional<Segmentation> last = ModelTopicReader.latest(base, modelTopic, modelName, CALL_TIMEOUT,
        c -> reader = c);
    if (!running) {
      throw new WakeupException();
    }
    final ModelTrainer t = new ModelTrainer(registry, config.updater().training(),
        new ModelTrainer.PublishPolicy(config.updater().publishMinMovement(), config.updater().publishInterval(),
            config.updater().publishMinGap()),
        modelName, namer, clock, metrics, config.updater().population());
    if (last.isPresent()) {
      t.resume(last.get());
      lastModel = last.get();
      metrics.model(last.get(), false);
    } else {
      log.info("no model '{}' on topic '{}' yet: the first {} vectors bootstrap it", modelName, modelTopic,
          t.bootstrapNeeded());
    }
    trainer = t;
    vectorPartitions.clear();
    vectors.assign(List.of());
    topicMissingLogged = false;
    refreshPartitions();
    pendingSince = 0;
    nextLag = System.nanoTime();
    state = State.ACTIVE;
    metrics.active(true);
    failures = 0;
    log.info("model updater for '{}' is ACTIVE: training from '{}', publishing to '{}'", modelName, vectorsTopic,
        modelTopic);
  }

  /** One round of active work: poll, train, maybe publish, housekeeping. */
  private void step() {
    final long now = System.nanoTime();
    if (now - nextPartitionRefresh >= 0) {
      refreshPartitions();
    }
    if (vectorPartitions.isEmpty()) {
      sleep(STANDBY_POLL);
      return;
    }
    final ConsumerRecords<String, byte[]> records = vectors.poll(pollTimeout());
    for (final ConsumerRecord<String, byte[]> r : records) {
      handle(r);
    }
    if (trainer.pending() == 0) {
      pendingSince = 0;
    } else if (pendingSince == 0) {
      pendingSince = System.nanoTime();
    } else if (System.nanoTime() - pendingSince >= config.updater().maxBatchWait().toNanos()) {
      trainer.flush();
      pendingSince = 0;
    }
    final Instant instant = clock.instant();
    if (trainer.populationRefitDue(instant)) {
      trainer.refitFromPopulation(instant);
    }
    if (trainer.shouldPublish(instant)) {
      publish(instant);
    }
    if (System.nanoTime() - nextLag >= 0) {
      updateLag();
      nextLag = System.nanoTime() + LAG_INTERVAL.toNanos();
    }
  }

  private Duration pollTimeout() {
    final Duration wait = config.updater().maxBatchWait();
    return wait.compareTo(MAX_POLL) < 0 ? wait : MAX_POLL;
  }

  private void handle(final ConsumerRecord<String, byte[]> r) {
    final byte[] bytes = r.value();
    if (bytes == null) {
      if (r.key() != null) {
        trainer.forget(r.key()); // the streams app erased or expired the user
      } else {
        rejectUndecodable(r, "empty value");
      }
      return;
    }
    final FeatureVector v;
    try {
      v = Serdes.FEATURE_VECTOR.decode(bytes);
    } catch (final RuntimeException e) {
      rejectUndecodable(r, e.getMessage());
      return;
    }
    if (v.getSource() == VectorSource.EVENT && !trainer.bootstrapping() && !config.updater().eventVectorsAlways()) {
      // Taken at an event: recency 0 and active users over-represented; with updater.event-vectors=bootstrap
      // the sweep's uniform sample of the population trains the model once it exists.
      metrics.skippedEventVector();
      return;
    }
    if (v.getSource() == VectorSource.SAMPLE) {
      if (!trainer.offerSample(r.key() == null ? v.getUserId() : r.key(), v.getFeatureSet(), v.getValues())) {
        metrics.unchangedSample();
      }
      return;
    }
    trainer.offer(v.getFeatureSet(), v.getValues());
  }

  private void rejectUndecodable(final ConsumerRecord<String, byte[]> r, final String why) {
    metrics.rejected(UpdaterMetrics.UNDECODABLE);
    undecodable.rejected(UpdaterMetrics.UNDECODABLE, r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + why);
  }

  private void publish(final Instant now) {
    final Segmentation m = trainer.publish(now);
    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (final TopicPartition tp : vectorPartitions) {
      offsets.put(tp, new OffsetAndMetadata(vectors.position(tp, CALL_TIMEOUT)));
    }
    // The training consumer never joins its group (assign() only): its metadata names the group, no generation.
    publisher.publish(m, offsets, vectors.groupMetadata());
    lastModel = m;
    metrics.model(m, true);
    log.info("published model '{}' v{} (generation {}): k={}, inertia {}, max drift {}, {} vectors trained",
        m.name(), m.version(), m.generation(), m.k(), String.format(Locale.ROOT, "%.3f", m.inertia()),
        String.format(Locale.ROOT, "%.3f", UpdaterMetrics.maxMovement(m)), m.trainedVectors());
  }

  /** Assigns any partitions of the training topic not yet assigned, at their committed offsets (earliest if none). */
  private void refreshPartitions() {
    final List<PartitionInfo> infos;
    try {
      infos = vectors.partitionsFor(vectorsTopic, CALL_TIMEOUT);
    } catch (final org.apache.kafka.common.errors.TimeoutException e) {
      log.warn("model updater for '{}': cannot get partitions of '{}' ({}); retrying", modelName, vectorsTopic,
          rootMessage(e));
      nextPartitionRefresh = System.nanoTime() + PARTITION_RETRY.toNanos();
      return;
    }
    if (infos == null || infos.isEmpty()) {
      if (!topicMissingLogged) {
        log.warn("model updater for '{}': training topic '{}' does not exist yet; waiting for it", modelName,
            vectorsTopic);
        topicMissingLogged = true;
      }
      nextPartitionRefresh = System.nanoTime() + PARTITION_RETRY.toNanos();
      return;
    }
    nextPartitionRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
    final Set<TopicPartition> added = new HashSet<>();
    for (final PartitionInfo p : infos) {
      final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
      if (!vectorPartitions.contains(tp)) {
        added.add(tp);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    final Set<TopicPartition> all = new HashSet<>(vectorPartitions);
    all.addAll(added);
    vectors.assign(all);
    final int fromStart = seekToCommitted(added);
    final boolean initial = vectorPartitions.isEmpty();
    vectorPartitions.addAll(added);
    if (initial) {
      log.info("model updater for '{}': consuming '{}' ({} partition(s): {} at committed offsets, {} from the"
          + " beginning)", modelName, vectorsTopic, added.size(), added.size() - fromStart, fromStart);
    } else {
      log.info("model updater for '{}': '{}' now has {} partitions; consuming the {} new one(s)", modelName,
          vectorsTopic, vectorPartitions.size(), added.size());
    }
  }

  /** Positions newly assigned partitions at their committed offsets, or the beginning; returns how many had none. */
  private int seekToCommitted(final Set<TopicPartition> added) {
    final Map<TopicPartition, OffsetAndMetadata> committed = vectors.committed(added, CALL_TIMEOUT);
    final List<TopicPartition> fromStart = new ArrayList<>();
    for (final TopicPartition tp : added) {
      final OffsetAndMetadata c = committed.get(tp);
      if (c == null) {
        fromStart.add(tp);
      } else {
        vectors.seek(tp, c.offset());
      }
    }
    if (!fromStart.isEmpty()) {
      vectors.seekToBeginning(fromStart); // careful: an empty collection would mean "all assigned partitions"
    }
    return fromStart.size();
  }

  private void updateLag() {
    try {
      final Map<TopicPartition, Long> end = vectors.endOffsets(vectorPartitions, Duration.ofSeconds(5));
      long lag = 0;
      for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        lag += Math.max(0, e.getValue() - vectors.position(e.getKey(), Duration.ofSeconds(5)));
      }
      metrics.lag(lag);
    } catch (final org.apache.kafka.common.errors.TimeoutException e) {
      // Lag is informational; the next round tries again.
    }
  }

  /** Leaves the active role: drops the trainer (unpublished progress), the producer and the vector partitions. */
  private void stepDown(final String reason) {
    final boolean wasActive = state == State.ACTIVE;
    final ModelTrainer t = trainer;
    trainer = null;
    pendingSince = 0;
    final ModelPublisher p = publisher;
    publisher = null;
    if (p != null) {
      try {
        p.close();
      } catch (final RuntimeException e) {
        log.debug("closing the model publisher failed", e);
      }
    }
    vectorPartitions.clear();
    try {
      if (vectors != null) {
        vectors.assign(List.of());
      }
    } catch (final RuntimeException e) {
      log.debug("unassigning training partitions failed", e);
    }
    if (state != State.CLOSED) {
      state = State.STANDBY;
    }
    metrics.active(false);
    if (wasActive && reason != null) {
      final long dropped = t == null ? 0 : unpublished(t);
      log.warn("model updater for '{}' is now STANDBY ({}){}", modelName, reason,
          dropped > 0 ? "; dropped " + dropped + " vectors trained since the last publication" : "");
    }
  }

  /** Vectors taken since the last publication that made it to Kafka (a failed publication counts as not made). */
  private long unpublished(final ModelTrainer t) {
    if (t.bootstrapping()) {
      return t.bootstrapCollected();
    }
    final Segmentation committed = lastModel;
    final long base = committed != null && committed.generation() == t.generation() ? committed.trainedVectors() : 0;
    return Math.max(0, t.trainedVectors() - base) + t.pending();
  }

  // ---------------------------------------------------------------------------------------------- setup / teardown

  /** Creates missing topics (if configured) and waits until the model topic exists. False if closed meanwhile. */
  private boolean prepareTopics() {
    boolean waitingLogged = false;
    int attempt = 0;
    while (running) {
      try {
        if (config.topics().create()) {
          // The same catalogue as the streams app's: whichever service comes first creates these topics alike.
          TopicProvisioner.ensure(config, TopicCatalogue.of(config).updater());
        }
        final List<PartitionInfo> parts = lock.partitionsFor(modelTopic, CALL_TIMEOUT);
        if (parts != null && !parts.isEmpty()) {
          if (parts.size() != 1) {
            log.warn("model topic '{}' has {} partitions; it should have exactly 1 (the updater lock is partition 0)",
                modelTopic, parts.size());
          }
          return true;
        }
        if (!waitingLogged) {
          log.warn("model updater for '{}': model topic '{}' does not exist; waiting for it (create it with 1"
              + " partition and cleanup.policy=compact, or set topics.create=true)", modelName, modelTopic);
          waitingLogged = true;
        }
        sleep(PARTITION_RETRY);
      } catch (final WakeupException | InterruptException e) {
        return false;
      } catch (final TopicSetupException | KafkaException e) {
        // Unreachable Kafka heals by itself; wrong topics need an operator, who reads this warning meanwhile.
        attempt++;
        final long backoffMs = e instanceof TopicSetupException t && !t.retriable() ? MAX_BACKOFF.toMillis()
            : Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempt - 1, 5));
        log.warn("model updater for '{}': cannot prepare topics on {} ({}); retrying in {} s",
            modelName, config.kafkaClientBase().get("bootstrap.servers"), rootMessage(e), backoffMs / 1000);
        sleep(Duration.ofMillis(backoffMs));
      }
    }
    return false;
  }

  private void shutdown() {
    Thread.interrupted(); // close() may have interrupted a blocking call; let the clients close cleanly
    publishFinal();
    stepDown(null);
    closeQuietly(vectors);
    closeQuietly(lock);
    metrics.active(false);
    metrics.close();
    state = State.CLOSED;
    stopped.countDown();
    log.info("model updater for '{}' stopped", modelName);
  }

  /** On a clean close, publishes what was trained since the last publication so a successor need not redo it. */
  private void publishFinal() {
    final ModelTrainer t = trainer;
    if (state != State.ACTIVE || t == null || t.bootstrapping()
        || t.trainedSinceLastPublication() + t.pending() == 0) {
      return;
    }
    try {
      publish(clock.instant());
    } catch (final RuntimeException e) {
      log.warn("model updater for '{}': could not publish the final model on close ({}: {}); a successor resumes"
          + " from the last published one", modelName, e.getClass().getSimpleName(), rootMessage(e));
    }
  }

  private Map<String, Object> lockProps() {
    final Map<String, Object> p = new HashMap<>();
    final boolean classic = GroupProtocol.CLASSIC.name().equalsIgnoreCase(String.valueOf(
        config.kafkaClientBase().getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name())));
    if (classic) {
      // A crashed active updater is replaced after the session timeout; a clean close hands over at once.
      p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
      p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    }
    p.putAll(config.kafkaClientBase());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, lockGroupId(config));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    if (classic) {
      // Sticky: a joining standby does not take the lock away from the active updater.
      p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
    }
    return p;
  }

  private Map<String, Object> vectorProps() {
    final Map<String, Object> p = new HashMap<>();
    // Throughput defaults (overridable with kafka.*): big polls and fetches, the broker answers when it has data.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    p.putAll(config.kafkaClientBase());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, offsetsGroupId(config));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return p;
  }

  private final class LockListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
      // We never read the lock partition; pausing keeps poll() cheap while the membership stays alive.
      lock.pause(partitions);
      if (partitions.contains(lockPartition)) {
        ownsLock = true;
        activateNotBefore = System.nanoTime();
        failures = 0;
      }
    }

    @Override
    public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
      if (partitions.contains(lockPartition)) {
        ownsLock = false;
        stepDown("lock handed to another updater");
      }
    }

    @Override
    public void onPartitionsLost(final Collection<TopicPartition> partitions) {
      if (partitions.contains(lockPartition)) {
        ownsLock = false;
        stepDown("lock lost: this updater was out of touch with the group");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** Sleeps, returning early when close() is called. */
  private void sleep(final Duration d) {
    try {
      closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static void wakeup(final KafkaConsumer<?, ?> c) {
    if (c != null) {
      try {
        c.wakeup();
      } catch (final RuntimeException ignored) {
        // already closed
      }
    }
  }

  private static void closeQuietly(final KafkaConsumer<?, ?> c) {
    if (c != null) {
      try {
        c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (final RuntimeException e) {
        log.debug("closing a consumer failed", e);
      }
    }
  }

  /** Fenced, directly or as the cause of the producer's "error state" exception. */
  private static boolean fenced(final Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(final Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
