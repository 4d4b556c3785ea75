package io.segstream.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The practical ceiling: a per-user event count in a RocksDB store, with the same source, settings and
 * exactly-once as the segmentation topology, so the difference is what segmentation itself costs.
 */
final class CountTopology {
  private CountTopology() {}

  static Topology build(final String topic, final AtomicLong processed) {
    final Topology t = new Topology();
    t.addSource("events", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
    t.addProcessor("count", () -> new Processor<byte[], byte[], Void, Void>() {
      private KeyValueStore<byte[], Long> store;

      @Override
      public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore("counts");
      }

      @Override
      public void process(final Record<byte[], byte[]> r) {
        final Long n = store.get(r.key());
        store.put(r.key(), n == null ? 1 : n + 1);
        processed.incrementAndGet();
      }
    }, "events");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"), Serdes.ByteArray(),
        Serdes.Long()), "count");
    return t;
  }
}
