package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.CategoryGuess;
import io.segstream.text.ZeroShotCategorizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies each product without a category exactly once: names arrive keyed by productId (so one task
 * owns each product), wait in a changelogged buffer, are classified in batches, and the answer goes to the
 * compacted categories topic and into a store of products already done.
 */
final class ProductBatcher implements Processor<String, String, String, String> {
  static final String NAME = "product-batcher";
  static final String BUFFER = "text-product-buffer";
  static final String DONE = "text-products-classified";
  private static final Logger LOG = LoggerFactory.getLogger(ProductBatcher.class);

  private final ZeroShotCategorizer categorizer;
  private final TextMetrics metrics;
  private final LongSupplier wallClock;
  private final BatchTrigger trigger;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, String> buffer;
  private KeyValueStore<String, String> done;

  ProductBatcher(final SegstreamConfig.Text settings, final ZeroShotCategorizer categorizer, final TextMetrics metrics,
      final LongSupplier wallClock) {
    this.categorizer = categorizer;
    this.metrics = metrics;
    this.wallClock = wallClock;
    this.trigger = new BatchTrigger(settings.batchSize(), settings.maxBatchWait().toMillis());
  }

  @Override
  public void init(final ProcessorContext<String, String> context) {
    this.context = context;
    this.buffer = context.getStateStore(BUFFER);
    this.done = context.getStateStore(DONE);
    int restored = 0;
    try (KeyValueIterator<String, String> it = buffer.all()) {
      while (it.hasNext()) {
        it.next();
        restored++;
      }
    }
    trigger.restored(restored, wallClock.getAsLong());
    context.schedule(Duration.ofMillis(trigger.checkIntervalMs()), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (trigger.due(now)) {
        flush();
      }
    });
  }

  @Override
  public void process(final Record<String, String> record) {
    final String productId = record.key();
    if (productId == null || record.value() == null || done.get(productId) != null || buffer.get(productId) != null) {
      return;
    }
    buffer.put(productId, record.value());
    trigger.added(wallClock.getAsLong());
    if (trigger.full()) {
      flush();
    }
  }

  private void flush() {
    final List<KeyValue<String, String>> batch = new ArrayList<>(trigger.pending());
    try (KeyValueIterator<String, String> it = buffer.all()) {
      it.forEachRemaining(batch::add);
    }
    trigger.flushed();
    if (batch.isEmpty()) {
      return;
    }
    final long start = System.nanoTime();
    final List<CategoryGuess> guesses = classify(batch.stream().map(kv -> kv.value).toList());
    metrics.batch(TextMetrics.Kind.PRODUCT, batch.size(), System.nanoTime() - start);
    final long now = wallClock.getAsLong();
    for (int i = 0; i < batch.size(); i++) {
      final String productId = batch.get(i).key;
      buffer.delete(productId);
      final CategoryGuess g = guesses.get(i);
      if (g == null) {
        continue;
      }
      done.put(productId, g.category());
      context.forward(new Record<>(productId, g.category(), now));
      metrics.categoryDerived(g.category());
      LOG.debug("product {} '{}' -> {} (nearest {}, {})", productId, batch.get(i).value, g.category(), g.nearest(),
          g.score());
    }
  }

  private List<CategoryGuess> classify(final List<String> names) {
    try {
      return categorizer.classify(names);
    } catch (final RuntimeException batchFailure) {
      LOG.warn("classifying {} products failed ({}); retrying one by one", names.size(), batchFailure.getMessage());
      final List<CategoryGuess> out = new ArrayList<>(names.size());
      for (final String name : names) {
        try {
          out.add(categorizer.classify(List.of(name)).getFirst());
        } catch (final RuntimeException e) {
          metrics.skipped(TextMetrics.Kind.PRODUCT, "model_error");
          out.add(null);
        }
      }
      return out;
    }
  }
}
