package io.segstream.streams.text;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global categories store equal to the compacted categories topic, and tells the hot-path cache. */
public final class ProductCategoryStoreUpdater implements Processor<String, String, Void, Void> {
  private final ProductCategories categories;
  private KeyValueStore<String, String> store;

  public ProductCategoryStoreUpdater(final ProductCategories categories) {
    this.categories = categories;
  }

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ProductCategories.STORE);
    categories.attach(store);
  }

  @Override
  public void process(final Record<String, String> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null || record.value().isBlank()) {
      store.delete(record.key());
      categories.forgotten(record.key());
    } else {
      store.put(record.key(), record.value());
      categories.learned(record.key(), record.value());
    }
  }
}
