package io.segstream.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class CommitBufferedStoreTest {
  private static final String STORE = "counts";

  /** Counts records per key in the buffered store; one task, exactly-once, a commit after every record. */
  private static Topology countingTopology() {
    final Topology t = new Topology();
    t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
    t.addProcessor("count", () -> new Processor<String, String, Void, Void>() {
      private CommitBufferedStore<String, Long> counts;

      @Override
      public void init(final ProcessorContext<Void, Void> context) {
        counts = context.getStateStore(STORE);
      }

      @Override
      public void process(final Record<String, String> r) {
        counts.write(r.key(), counts.latest(r.key()).orElse(0L) + 1);
        counts.write(r.key(), counts.latest(r.key()).orElseThrow()); // a second write of the same key, same commit
      }
    }, "in");
    t.addStateStore(new CommitBufferedStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
        Serdes.String(), Serdes.Long()).withLoggingEnabled(java.util.Map.of()), 16), "count");
    return t;
  }

  private static Properties exactlyOnce() {
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/segstream-cbs-" + System.nanoTime());
    return p;
  }

  /**
   * The guarantee this store rests on: Kafka Streams writes the buffer to the changelog inside the commit's
   * transaction. Under exactly-once the driver's producer shows only records of committed transactions, so a
   * buffer written after the transaction (in StateStore#commit, say) would show one commit late, and a buffer
   * Kafka Streams no longer flushes would never show.
   */
  @Test
  void kafkaStreamsWritesTheBufferToTheChangelogInsideTheCommittedTransaction() {
    try (TopologyTestDriver driver = new TopologyTestDriver(countingTopology(), exactlyOnce())) {
      final TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      final TestOutputTopic<String, Long> changelog = driver.createOutputTopic("app-" + STORE + "-changelog",
          new StringDeserializer(), new LongDeserializer());
      @SuppressWarnings("unchecked")
      final CommitBufferedStore<String, Long> store = (CommitBufferedStore<String, Long>) driver.getAllStateStores().get(STORE);

      in.pipeInput("a", "x");
      assertThat(changelog.readKeyValuesToList()).as("one write per key and commit").containsExactly(KeyValue.pair("a", 1L));
      in.pipeInput("a", "x");
      in.pipeInput("b", "x");
      assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 2L), KeyValue.pair("b", 1L));
      assertThat(store.pendingWrites()).isZero();
      assertThat(store.get("a")).as("what is written, as interactive queries see it").isEqualTo(2L);
    }
  }

  @Test
  void theProcessorReadsItsOwnWritesAndOthersSeeThemOnceWritten() {
    final CommitBufferedStore<String, Long> store = inMemory(16, true);
    store.write("a", 1L);
    assertThat(store.latest("a")).contains(1L);
    assertThat(store.get("a")).as("not written yet").isNull();
    store.flushCache();
    assertThat(store.get("a")).isEqualTo(1L);
    store.remove("a");
    assertThat(store.latest("a")).isEmpty();
    assertThat(store.get("a")).as("the delete is not written yet").isEqualTo(1L);
    store.writeThrough();
    assertThat(store.get("a")).isNull();
    assertThat(store.latest("a")).isEmpty();
  }

  @Test
  void iterationsSeeTheProcessorsWritesThroughTheOverlay() {
    final CommitBufferedStore<String, Long> store = inMemory(16, true);
    store.write("a", 1L);
    store.write("b", 1L);
    store.flushCache();
    store.write("a", 5L);
    store.remove("b");
    final List<KeyValue<String, Long>> seen = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(kv -> store.overlay(kv.key, kv.value).ifPresent(v -> seen.add(KeyValue.pair(kv.key, v))));
    }
    assertThat(seen).containsExactly(KeyValue.pair("a", 5L));
    assertThat(store.overlay("c", 7L)).as("not written since").contains(7L);
  }

  @Test
  void aDirtyCloseDropsTheWritesSinceTheLastCommit() {
    final CommitBufferedStore<String, Long> store = inMemory(16, true);
    store.write("a", 1L);
    store.flushCache();
    store.write("a", 2L);
    store.write("b", 1L);
    store.clearCache(); // what Kafka Streams calls when it abandons the task's uncommitted work
    assertThat(store.latest("a")).contains(1L);
    assertThat(store.latest("b")).isEmpty();
  }

  @Test
  void holdsABoundedNumberOfKeysAndWritesThroughWhenFull() {
    final CommitBufferedStore<String, Long> store = inMemory(10, true);
    for (long i = 0; i < 25; i++) {
      store.write("k" + i, i);
    }
    assertThat(store.pendingWrites()).as("written through each time a new key found ten held").isEqualTo(5);
    assertThat(store.get("k19")).isEqualTo(19L);
    assertThat(store.get("k20")).isNull();
    for (long i = 0; i < 25; i++) {
      assertThat(store.latest("k" + i)).contains(i); // from the buffer, or RocksDB's stand-in
    }
    store.writeThrough();
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    assertThat(keys).hasSize(25);
  }

  @Test
  void aKeyReadThenWrittenIsWrittenOnceWithItsLastValue() {
    final CommitBufferedStore<String, Long> store = inMemory(16, true);
    store.write("a", 1L);
    store.flushCache();
    assertThat(store.latest("a")).as("kept after the flush").contains(1L);
    store.write("a", 2L);
    store.write("a", 3L);
    assertThat(store.pendingWrites()).isEqualTo(1);
    assertThat(store.get("a")).isEqualTo(1L);
    store.flushCache();
    assertThat(store.get("a")).isEqualTo(3L);
    assertThat(store.pendingWrites()).isZero();
    store.remove("a");
    store.write("a", 4L);
    store.flushCache();
    assertThat(store.get("a")).as("a delete then a write leave the write").isEqualTo(4L);
  }

  @Test
  void aStoreThatIsOnlyWrittenKeepsNothingOnceWrittenThrough() {
    final CommitBufferedStore<String, Long> store = inMemory(3, false);
    store.write("a", 1L);
    store.write("b", 1L);
    store.write("c", 1L);
    store.write("d", 1L);
    assertThat(store.pendingWrites()).as("the first three written through when d found the buffer full").isEqualTo(1);
    assertThat(store.get("c")).isEqualTo(1L);
    store.remove("a");
    store.flushCache();
    assertThat(store.get("a")).isNull();
    assertThat(store.latest("b")).as("read from what is written").contains(1L);
    assertThat(store.pendingWrites()).isZero();
  }

  @Test
  void refusesKafkaStreamsCacheBeneathIt() {
    final CommitBufferedStoreBuilder<String, Long> builder = new CommitBufferedStoreBuilder<>(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("x"), Serdes.String(), Serdes.Long()), 4);
    assertThatThrownBy(builder::withCachingEnabled).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("x buffers its writes itself");
    assertThat(builder.withLoggingEnabled(java.util.Map.of("segment.bytes", "1048576")).logConfig())
        .containsEntry("segment.bytes", "1048576");
  }

  private static CommitBufferedStore<String, Long> inMemory(final int capacity, final boolean keepsValues) {
    final var written = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().withCachingDisabled().build();
    final CommitBufferedStore<String, Long> store = new CommitBufferedStore<>(written, capacity, keepsValues);
    final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
