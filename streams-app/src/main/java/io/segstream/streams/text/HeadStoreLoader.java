package io.segstream.streams.text;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global head store equal to the compacted head topic (the latest head per key). */
final class HeadStoreLoader implements Processor<String, byte[], Void, Void> {
  static final String NAME = "sentiment-head-loader";
  static final String STORE = "text-sentiment-head";

  private KeyValueStore<String, byte[]> store;

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(STORE);
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
