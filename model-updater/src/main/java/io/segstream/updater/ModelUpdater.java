package io.segstream.updater;

import io.micrometer.core.instrument.MeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.core.service.Service;
import io.segstream.core.service.ServiceHealth;
import io.segstream.core.topics.TopicCatalogue;
import io.segstream.core.topics.TopicProvisioner;
import io.segstream.core.topics.TopicSetupException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-updater service: consumes training vectors, trains the online model ({@link ModelTrainer})
 * and publishes it with the consumed offsets in one transaction ({@link ModelPublisher}).
 *
 * <p>Several instances may run; one is active per model, chosen by a {@link LockElection}: whoever holds the
 * lock trains; the others stand by and take over when it leaves. On becoming active an updater fences older
 * producers, reads the latest model of its name from the model topic and resumes it, and reads the
 * {@link TrainingStream} from the committed offsets of group {@code <application.id>-updater} (earliest if
 * none), so it continues exactly where the published model left off ({@link ActiveTraining}). Losing the
 * lock, or being fenced, drops unpublished progress and returns to standby; other failures are retried after
 * a {@link RetryBackoff}.
 *
 * <p>This class is the lifecycle and the loop; it runs on its own thread ({@link #start()}); {@link #close()} is
 * quick and idempotent.
 */
public final class ModelUpdater implements Runnable, Service {
  private static final Logger LOG = LoggerFactory.getLogger(ModelUpdater.class);

  /** Lifecycle as seen from outside. */
  public enum State { NEW, STARTING, STANDBY, ACTIVE, CLOSED }

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration STANDBY_POLL = Duration.ofMillis(250);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_FENCED_BACKOFF = Duration.ofSeconds(30);

  private final SegstreamConfig config;
  private final FeatureRegistry registry;
  private final SegmentNamer namer;
  private final Clock clock;
  private final UpdaterMetrics metrics;
  private final VectorIntake intake;
  private final String modelName;
  private final RetryBackoff backoff = RetryBackoff.DEFAULT;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile State state = State.NEW;
  private volatile Segmentation lastModel;
  private volatile Thread thread;

  // Kafka clients: created by start(), used by the updater thread; woken up by close().
  private volatile LockElection election;
  private volatile TrainingStream stream;
  private volatile KafkaConsumer<?, ?> reader;

  // Updater-thread state.
  private ActiveTraining active;
  private long activateNotBefore;   // System.nanoTime() for retry backoff
  private int failures;
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
    this.metrics = new UpdaterMetrics(Objects.requireNonNull(meterRegistry, "meterRegistry"), modelName);
    this.intake = new VectorIntake(config.updater().eventVectorsAlways(), metrics, clock, modelName);
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
    return LockElection.groupId(config);
  }

  /** Consumer group holding the committed training positions (never joined; offsets only). */
  public static String offsetsGroupId(final SegstreamConfig config) {
    return TrainingStream.groupId(config);
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
      election = new LockElection(config, new OnLockChange());
      stream = new TrainingStream(config);
    } catch (final RuntimeException e) {
      if (election != null) {
        election.close();
      }
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
    wakeUpClients();
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
        LOG.warn("model updater for '{}' did not stop within 35 s", modelName);
      }
    }
  }

  private void wakeUpClients() {
    if (election != null) {
      election.wakeup();
    }
    if (stream != null) {
      stream.wakeup();
    }
    final KafkaConsumer<?, ?> r = reader;
    if (r != null) {
      try {
        r.wakeup();
      } catch (final RuntimeException ignored) {
        // already closed
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

  /** Up while starting, standing by (ready to take over) or active; with the version it last published or resumed. */
  @Override
  public ServiceHealth health() {
    final State s = state;
    final boolean up = s == State.ACTIVE || s == State.STANDBY || s == State.STARTING;
    return new ServiceHealth(up, "updater", s.name(),
        Map.of("modelVersion", lastModel().map(Segmentation::version).orElse(0L)));
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
      election.join();
      state = State.STANDBY;
      metrics.active(false);
      LOG.info("model updater for '{}' started: STANDBY until it holds the lock (group '{}', topic '{}')",
          modelName, lockGroupId(config), config.topics().model());
      while (running) {
        loopOnce();
      }
    } catch (final WakeupException | InterruptException e) {
      // close() asked us to stop.
    } catch (final RuntimeException | Error e) {
      LOG.error("model updater for '{}' stopped unexpectedly", modelName, e);
    } finally {
      shutdown();
    }
  }

  /** One turn: keep the lock membership alive, become active when allowed, do one round of active work. */
  private void loopOnce() {
    try {
      election.poll(state == State.ACTIVE ? Duration.ZERO : STANDBY_POLL);
      if (election.held() && state != State.ACTIVE && System.nanoTime() - activateNotBefore >= 0) {
        activate();
      }
      if (state == State.ACTIVE) {
        work();
      }
    } catch (final WakeupException e) {
      if (running) {
        LOG.debug("spurious wakeup ignored");
      }
    } catch (final InterruptException e) {
      running = false;
    } catch (final KafkaException e) {
      if (KafkaFailures.fenced(e)) {
        stepDown("another updater took over: producer fenced");
        activateNotBefore = System.nanoTime() + fencedBackoff.toNanos();
      } else {
        trouble(e, false);
      }
    } catch (final RuntimeException e) {
      trouble(e, true);
    }
  }

  private void work() {
    if (!active.ready()) {
      sleep(STANDBY_POLL);
      return;
    }
    active.step().ifPresent(m -> lastModel = m);
  }

  private void trouble(final RuntimeException e, final boolean unexpected) {
    failures++;
    final long backoffMs = backoff.after(failures).toMillis();
    final String what = state == State.ACTIVE ? "training interrupted" : "cannot activate";
    if (unexpected) {
      LOG.error("model updater for '{}': {} by an unexpected error; retrying in {} s", modelName, what,
          backoffMs / 1000, e);
    } else {
      LOG.warn("model updater for '{}': {} ({}: {}); retrying in {} s", modelName, what,
          e.getClass().getSimpleName(), KafkaFailures.rootMessage(e), backoffMs / 1000);
    }
    stepDown(null);
    activateNotBefore = System.nanoTime() + backoffMs * 1_000_000;
    if (!election.held()) {
      sleep(Duration.ofMillis(backoffMs));
    }
  }

  /** Becomes the active trainer: fence older producers, resume the latest model, seek to committed offsets. */
  private void activate() {
    LOG.info("model updater for '{}' holds the lock: becoming ACTIVE", modelName);
    final String modelTopic = config.topics().model();
    final ModelPublisher publisher = new ModelPublisher(config.kafkaClientBase(), modelTopic,
        ModelPublisher.transactionalId(config.applicationId(), modelName));
    try {
      publisher.init();
      final Optional<Segmentation> last = ModelTopicReader.latest(config.kafkaClientBase(), modelTopic, modelName,
          CALL_TIMEOUT, c -> reader = c);
      if (!running) {
        throw new WakeupException();
      }
      final ModelTrainer trainer = newTrainer(last);
      active = new ActiveTraining(trainer, publisher, stream, intake, metrics, clock, config.updater().maxBatchWait());
    } catch (final RuntimeException e) {
      closeQuietly(publisher);
      throw e;
    }
    state = State.ACTIVE;
    metrics.active(true);
    failures = 0;
    LOG.info("model updater for '{}' is ACTIVE: training from '{}', publishing to '{}'", modelName,
        config.topics().featureVectors(), modelTopic);
  }

  private ModelTrainer newTrainer(final Optional<Segmentation> last) {
    final ModelTrainer t = new ModelTrainer(registry, config.updater().training(),
        new ModelTrainer.PublishPolicy(config.updater().publishMinMovement(), config.updater().publishInterval(),
            config.updater().publishMinGap()),
        modelName, namer, clock, metrics, config.updater().population());
    if (last.isPresent()) {
      t.resume(last.get());
      lastModel = last.get();
      metrics.model(last.get(), false);
    } else {
      LOG.info("no model '{}' on topic '{}' yet: the first {} vectors bootstrap it", modelName,
          config.topics().model(), t.bootstrapNeeded());
    }
    return t;
  }

  /** Leaves the active role: drops the trainer (unpublished progress), the producer and the vector partitions. */
  private void stepDown(final String reason) {
    final boolean wasActive = state == State.ACTIVE;
    final ActiveTraining a = active;
    active = null;
    final long dropped = a == null ? 0 : a.unpublished(Optional.ofNullable(lastModel));
    if (a != null) {
      a.close();
    } else if (stream != null) {
      stream.release();
    }
    if (state != State.CLOSED) {
      state = State.STANDBY;
    }
    metrics.active(false);
    if (wasActive && reason != null) {
      LOG.warn("model updater for '{}' is now STANDBY ({}){}", modelName, reason,
          dropped > 0 ? "; dropped " + dropped + " vectors trained since the last publication" : "");
    }
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
        final List<PartitionInfo> parts = election.topicPartitions(CALL_TIMEOUT);
        if (!parts.isEmpty()) {
          if (parts.size() != 1) {
            LOG.warn("model topic '{}' has {} partitions; it should have exactly 1 (the updater lock is partition 0)",
                config.topics().model(), parts.size());
          }
          return true;
        }
        if (!waitingLogged) {
          LOG.warn("model updater for '{}': model topic '{}' does not exist; waiting for it (create it with 1"
              + " partition and cleanup.policy=compact, or set topics.create=true)", modelName,
              config.topics().model());
          waitingLogged = true;
        }
        sleep(TOPIC_RETRY);
      } catch (final WakeupException | InterruptException e) {
        return false;
      } catch (final TopicSetupException | KafkaException e) {
        // Unreachable Kafka heals by itself; wrong topics need an operator, who reads this warning meanwhile.
        attempt++;
        final long backoffMs = e instanceof TopicSetupException t && !t.retriable() ? backoff.max().toMillis()
            : backoff.after(attempt).toMillis();
        LOG.warn("model updater for '{}': cannot prepare topics on {} ({}); retrying in {} s",
            modelName, config.kafkaClientBase().get("bootstrap.servers"), KafkaFailures.rootMessage(e),
            backoffMs / 1000);
        sleep(Duration.ofMillis(backoffMs));
      }
    }
    return false;
  }

  private void shutdown() {
    Thread.interrupted(); // close() may have interrupted a blocking call; let the clients close cleanly
    publishRest();
    stepDown(null);
    if (stream != null) {
      stream.close();
    }
    if (election != null) {
      election.close();
    }
    metrics.active(false);
    metrics.close();
    state = State.CLOSED;
    stopped.countDown();
  }

  /** On a clean close, publishes what was trained since the last publication so a successor need not redo it. */
  private void publishRest() {
    if (state != State.ACTIVE || active == null) {
      return;
    }
    try {
      active.publishRest().ifPresent(m -> lastModel = m);
    } catch (final RuntimeException e) {
      LOG.warn("model updater for '{}': could not publish the final model on close ({}: {}); a successor resumes"
          + " from the last published one", modelName, e.getClass().getSimpleName(), KafkaFailures.rootMessage(e));
    }
  }

  /** Sleeps, returning early when close() is called. */
  private void sleep(final Duration d) {
    try {
      closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static void closeQuietly(final ModelPublisher p) {
    try {
      p.close();
    } catch (final RuntimeException e) {
      LOG.debug("closing the model publisher failed", e);
    }
  }

  /** Gaining the lock lets the updater activate at once; losing it steps down (on the updater's thread, in poll). */
  private final class OnLockChange implements LockElection.Listener {
    @Override
    public void gained() {
      activateNotBefore = System.nanoTime();
      failures = 0;
    }

    @Override
    public void lost(final String reason) {
      stepDown(reason);
    }
  }
}
