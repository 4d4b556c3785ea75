package io.segstream.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import io.segstream.testkit.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TrafficProducerTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static SimulatorConfig config(final Clock clock) {
    return SimulatorConfig.defaults().withUsers(150).withHistoryDays(5).withNow(NOW).withSeed(3).withClock(clock)
        .withLiveEventsPerSecond(100);
  }

  private static MockProducer<String, UserEvent> mockProducer(final boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), AvroSerdes.USER_EVENT.serializer());
  }

  @Test
  void sendsTheHistoryKeyedByUserWithEventTimeAndWithoutWaiting() throws Exception {
    final TestClock clock = new TestClock(NOW);
    final MockProducer<String, UserEvent> kafka = mockProducer(true);
    final ShopSimulator sim = new ShopSimulator(config(clock));
    final Pacer.Sleeper mustNotSleep = ms -> {
      throw new AssertionError("history must not be paced");
    };
    try (TrafficProducer producer = new TrafficProducer(kafka, sim, TrafficSettings.of("shop.events"), clock,
        mustNotSleep)) {
      final long sent = producer.sendHistory();
      assertThat(sent).isGreaterThan(1_000);

      final ShopSimulator replay = new ShopSimulator(config(clock));
      final List<ProducerRecord<String, UserEvent>> records = kafka.history();
      assertThat(records).hasSize((int) sent);
      for (final ProducerRecord<String, UserEvent> r : records) {
        final UserEvent expected = replay.next();
        assertThat(r.topic()).isEqualTo("shop.events");
        assertThat(r.key()).isEqualTo(expected.getUserId());
        assertThat(r.value()).isEqualTo(expected);
        assertThat(r.timestamp()).isEqualTo(expected.getTimestamp().toEpochMilli());
      }
      assertThat(replay.historyRemaining()).isFalse();

      final TrafficSnapshot snapshot = producer.snapshot();
      assertThat(snapshot.sent()).isEqualTo(sent);
      assertThat(snapshot.acknowledged()).isEqualTo(sent);
      assertThat(snapshot.failed()).isZero();
      assertThat(snapshot.sentByType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(sent);
      assertThat(snapshot.sentByType()).containsKeys(EventType.PAGE_VIEW, EventType.PURCHASE);
      assertThat(snapshot.progress().phase()).isEqualTo(SimulationPhase.HISTORY);
      assertThat(snapshot.progress().historyEvents()).isEqualTo(sent);
    }
    assertThat(kafka.closed()).isTrue();
  }

  @Test
  void liveEventsGoOutWhenTheClockReachesThemAtTheTargetRate() throws Exception {
    final TestClock clock = new TestClock(NOW);
    final MockProducer<String, UserEvent> kafka = mockProducer(true);
    final ShopSimulator sim = new ShopSimulator(config(clock));
    final Pacer.Sleeper fakeSleep = ms -> clock.advance(Duration.ofMillis(ms));
    try (TrafficProducer producer = new TrafficProducer(kafka, sim, TrafficSettings.of("t"), clock, fakeSleep)) {
      final long history = producer.sendHistory();
      kafka.history().forEach(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(clock.millis()));

      final long first = producer.run(Duration.ofSeconds(30));
      final long second = producer.run(Duration.ofSeconds(30)); // picks up exactly where the first stopped
      final long live = first + second;
      assertThat(live).isBetween(5_400L, 6_600L);
      assertThat(producer.snapshot().eventsPerSecond()).isCloseTo(100, within(30.0));
      assertThat(producer.snapshot().progress().phase()).isEqualTo(SimulationPhase.LIVE);

      final ShopSimulator replay = new ShopSimulator(config(new TestClock(NOW)));
      final List<ProducerRecord<String, UserEvent>> records = kafka.history();
      assertThat(records).hasSize((int) (history + live));
      for (final ProducerRecord<String, UserEvent> r : records.subList(0, (int) history)) {
        assertThat(r.value()).isEqualTo(replay.next());
      }
      // no live event was sent ahead of its time, none lost or repeated across the two runs
      long previous = 0;
      for (final ProducerRecord<String, UserEvent> r : records.subList((int) history, records.size())) {
        assertThat(r.timestamp()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(clock.millis());
        previous = r.timestamp();
        assertThat(r.value().getEventId()).isEqualTo(replay.next().getEventId());
      }
    }
  }

  @Test
  void historyCanBeCapped() throws Exception {
    final TestClock clock = new TestClock(NOW);
    final ShopSimulator sim = new ShopSimulator(config(clock));
    try (TrafficProducer producer = new TrafficProducer(mockProducer(true), sim,
        TrafficSettings.of("t").withHistoryEventsPerSecond(1_000), clock,
        ms -> clock.advance(Duration.ofMillis(ms)))) {
      final long sent = producer.sendHistory();
      final double seconds = (clock.millis() - NOW.toEpochMilli()) / 1000.0;
      assertThat(sent / seconds).isCloseTo(1_000, within(20.0));
    }
  }

  @Test
  void failedSendsAreCountedAndDoNotStopTheTraffic() throws Exception {
    final TestClock clock = new TestClock(NOW);
    final MockProducer<String, UserEvent> kafka = mockProducer(false);
    final ShopSimulator sim = new ShopSimulator(config(clock).withUsers(20).withHistoryDays(1));
    try (TrafficProducer producer = new TrafficProducer(kafka, sim, TrafficSettings.of("t"), clock, ms -> { })) {
      final long sent = producer.sendHistory();
      assertThat(sent).isGreaterThan(4);
      kafka.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
      kafka.errorNext(new org.apache.kafka.common.errors.TimeoutException("still away"));
      while (kafka.completeNext()) {
        // acknowledge the rest
      }
      final TrafficSnapshot s = producer.snapshot();
      assertThat(s.failed()).isEqualTo(2);
      assertThat(s.acknowledged()).isEqualTo(sent - 2);
      assertThat(producer.firstFailure()).get().extracting(Throwable::getMessage).isEqualTo("broker away");
    }
  }

  @Test
  void stopEndsARunOnAnotherThreadAndDriftCanBeAppliedMeanwhile() throws Exception {
    final Clock clock = Clock.systemUTC();
    final MockProducer<String, UserEvent> kafka = mockProducer(true);
    final ShopSimulator sim = new ShopSimulator(config(clock).withNow(clock.instant()).withLiveEventsPerSecond(500));
    final TrafficProducer producer = TrafficProducerTestAccess.create(kafka, sim, clock);
    final Thread runner = Thread.ofPlatform().start(() -> {
      try {
        producer.runUntilStopped();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (producer.snapshot().progress().phase() != SimulationPhase.LIVE && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    final List<PersonaSwitch> switched = producer.withSimulator(
        s -> s.drift(Persona.WINDOW_SHOPPER, Persona.LOYAL_BIG_SPENDER, 1.0));
    assertThat(switched).isNotEmpty();
    Thread.sleep(100);
    producer.stop();
    runner.join(2_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(producer.snapshot().progress().phase()).isEqualTo(SimulationPhase.LIVE);
    producer.close();
    assertThat(kafka.closed()).isTrue();
    producer.close(); // idempotent
  }

  /** Builds a producer on the real clock and real sleeping, as {@code connect} does. */
  private static final class TrafficProducerTestAccess {
    static TrafficProducer create(final MockProducer<String, UserEvent> kafka, final ShopSimulator sim,
        final Clock clock) {
      return new TrafficProducer(kafka, sim, TrafficSettings.of("t"), clock, Thread::sleep);
    }
  }

  @Test
  void producerConfigIsDurableAndCompressed() {
    assertThat(TrafficProducer.producerConfig("localhost:9092"))
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4")
        .containsEntry("enable.idempotence", true)
        .containsEntry("bootstrap.servers", "localhost:9092");
  }
}
