package io.segstream.generator;

import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link ShopSimulator}'s events to Kafka: key the user id (UTF-8 string), value the Avro
 * single-object encoding, record timestamp the event time. History goes out as fast as the broker takes it
 * (unless capped); a live event goes out when the wall clock reaches its timestamp, which is what holds the live
 * rate. Events are pulled from the simulator one at a time, so nothing but the Kafka producer's own bounded
 * buffer is held in memory.
 *
 * <p>{@link #run} blocks the calling thread; {@link #stop()}, {@link #snapshot()}, {@link #withSimulator} and
 * {@link #close()} may be called from any other thread.
 */
public final class TrafficProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficProducer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, UserEvent> producer;
  private final ShopSimulator simulator;
  private final TrafficSettings settings;
  private final Pacer pacer;
  private final TrafficCounters counters;
  /** Guards the simulator: the sending loop and {@link #withSimulator} callers take turns. */
  private final Object simulatorLock = new Object();
  /** Held for the whole of a run, so close() can wait for the loop to let go of the producer. */
  private final ReentrantLock running = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private volatile boolean stopRequested;

  /** An event taken from the simulator whose send was cut short by a stop; the next run sends it first. */
  private Optional<Taken> pending = Optional.empty();
  private long historySent;
  private long historyStartedAt = -1;

  TrafficProducer(final Producer<String, UserEvent> producer, final ShopSimulator simulator,
      final TrafficSettings settings, final Clock clock, final Pacer.Sleeper sleeper) {
    this.producer = producer;
    this.simulator = simulator;
    this.settings = settings;
    this.pacer = new Pacer(clock, sleeper);
    this.counters = new TrafficCounters(clock);
  }

  /** A producer on the given cluster with {@link #producerConfig} plus {@code overrides}. */
  public static TrafficProducer connect(final String bootstrapServers, final Map<String, Object> overrides,
      final ShopSimulator simulator, final TrafficSettings settings) {
    final Map<String, Object> config = producerConfig(bootstrapServers);
    config.putAll(overrides);
    final Producer<String, UserEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), AvroSerdes.USER_EVENT.serializer());
    return new TrafficProducer(producer, simulator, settings, simulator.config().clock(), Thread::sleep);
  }

  public static TrafficProducer connect(final String bootstrapServers, final ShopSimulator simulator,
      final TrafficSettings settings) {
    return connect(bootstrapServers, Map.of(), simulator, settings);
  }

  /**
   * Durable (acks=all, idempotent) and throughput-minded: lz4 and batches that fill for up to 20 ms, which
   * costs the live phase nothing noticeable and lets history go out in large compressed batches.
   */
  public static Map<String, Object> producerConfig(final String bootstrapServers) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "segstream-generator");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return config;
  }

  /** Sends what is left of the history, then returns (without starting the live phase). */
  public long sendHistory() throws InterruptedException {
    return loop(Long.MAX_VALUE, true);
  }

  /** Sends history, then live traffic, until {@code duration} of wall-clock time has passed or {@link #stop()}. */
  public long run(final Duration duration) throws InterruptedException {
    final long now = pacer.millis();
    final long deadline = duration.toMillis() >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + duration.toMillis();
    return loop(deadline, false);
  }

  /** Sends history, then live traffic, until {@link #stop()} or {@link #close()}. */
  public long runUntilStopped() throws InterruptedException {
    return loop(Long.MAX_VALUE, false);
  }

  private long loop(final long deadline, final boolean historyOnly) throws InterruptedException {
    if (!running.tryLock()) {
      throw new IllegalStateException("already running");
    }
    try {
      if (closed.get()) {
        throw new IllegalStateException("closed");
      }
      stopRequested = false;
      long sent = 0;
      while (!stopRequested && pacer.millis() < deadline) {
        final Optional<Taken> next = take(historyOnly);
        if (next.isEmpty()) {
          break;
        }
        final UserEvent event = next.get().event();
        final boolean history = !next.get().live();
        final long due = history ? historySlot() : event.getTimestamp().toEpochMilli();
        if (!pacer.awaitUntil(Math.min(due, deadline), () -> stopRequested) || pacer.millis() < due) {
          pending = next; // stopped or out of time before it was due: keep it for the next run
          break;
        }
        send(event);
        sent++;
        if (history) {
          historySent++;
        }
      }
      return sent;
    } finally {
      running.unlock();
    }
  }

  private record Taken(UserEvent event, boolean live) {}

  private Optional<Taken> take(final boolean historyOnly) {
    if (pending.isPresent()) {
      final Optional<Taken> taken = pending;
      if (historyOnly && taken.get().live()) {
        return Optional.empty();
      }
      pending = Optional.empty();
      return taken;
    }
    synchronized (simulatorLock) {
      final Optional<UserEvent> event = historyOnly ? simulator.nextHistoryEvent() : Optional.of(simulator.next());
      return event.map(e -> new Taken(e, simulator.phase() == SimulationPhase.LIVE));
    }
  }

  /** When the next history event may go: now, unless a history rate cap spaces them out. */
  private long historySlot() {
    if (settings.historyEventsPerSecond() <= 0) {
      return Long.MIN_VALUE;
    }
    if (historyStartedAt < 0) {
      historyStartedAt = pacer.millis();
    }
    return historyStartedAt + (long) (historySent * 1000.0 / settings.historyEventsPerSecond());
  }

  private void send(final UserEvent event) {
    final ProducerRecord<String, UserEvent> record = new ProducerRecord<>(settings.topic(), null,
        event.getTimestamp().toEpochMilli(), event.getUserId(), event);
    producer.send(record, (metadata, error) -> {
      if (error == null) {
        counters.acknowledged();
        return;
      }
      final long failures = counters.failed();
      if (firstFailure.compareAndSet(null, error) || failures % 10_000 == 0) {
        LOG.warn("{} event(s) could not be sent to {} so far; latest: {}", failures, settings.topic(),
            error.toString());
      }
    });
    counters.sent(event.getType());
  }

  /** Asks a running loop to return after the event in hand; harmless when not running. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Runs {@code action} on the simulator between two events (e.g. a {@link ShopSimulator#drift}), safely while
   * another thread is sending.
   */
  public <T> T withSimulator(final Function<ShopSimulator, T> action) {
    synchronized (simulatorLock) {
      return action.apply(simulator);
    }
  }

  public TrafficSnapshot snapshot() {
    final SimulationProgress progress;
    synchronized (simulatorLock) {
      progress = simulator.progress();
    }
    return counters.snapshot(progress);
  }

  /** The first send failure, if any (later ones are only counted). */
  public Optional<Exception> firstFailure() {
    return Optional.ofNullable(firstFailure.get());
  }

  /** Stops a running loop, waits briefly for it, then flushes and closes the Kafka producer. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop();
    boolean locked = false;
    try {
      locked = running.tryLock(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      producer.close(CLOSE_TIMEOUT);
    } finally {
      if (locked) {
        running.unlock();
      }
    }
  }
}
