package io.segstream.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global model store equal to the compacted model topic. Bytes are stored as they come and
 * decoded by readers, so one unreadable record can never stop the global thread.
 */
final class ModelStoreUpdater implements Processor<String, byte[], Void, Void> {
  private KeyValueStore<String, byte[]> store;

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    store = context.getStateStore(StoreNames.MODEL);
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
