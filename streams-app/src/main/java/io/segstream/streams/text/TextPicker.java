package io.segstream.streams.text;

import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.topology.EventValidator;
import io.segstream.text.TextInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stop of the text stage: reads every input event, validated exactly as the segmentation app does
 * (so no signals are made for a review it refuses), and passes on the two kinds of text the model works on:
 * review text, cleaned and cut to {@code text.max-chars}, to the review batcher; names of products that
 * came without a category, once per product per task, towards the product classifier.
 */
final class TextPicker implements Processor<byte[], byte[], String, Object> {
  static final String NAME = "text-picker";
  /** Products recently passed on; the classifier dedupes exactly, this only keeps repeats off the topic. */
  private static final int RECENT_PRODUCTS = 50_000;

  private final EventValidator validator;
  private final int maxChars;
  private final TextMetrics metrics;
  private final LongSupplier wallClock;
  private final Map<String, Boolean> recentProducts = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
      return size() > RECENT_PRODUCTS;
    }
  };
  private ProcessorContext<String, Object> context;

  TextPicker(final SegstreamConfig config, final TextMetrics metrics, final LongSupplier wallClock) {
    this.validator = new EventValidator(config.validation());
    this.maxChars = config.text().maxChars();
    this.metrics = metrics;
    this.wallClock = wallClock;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final EventValidator.Outcome outcome = validator.validate(record.value(), wallClock.getAsLong());
    if (outcome.accepted().isEmpty()) {
      return; // the segmentation app dead-letters and counts it
    }
    final UserEvent e = outcome.accepted().get().event();
    switch (e.getType()) {
      case PURCHASE, RETURN -> e.getItems().forEach((LineItem li) -> product(li.getProduct()));
      case PAGE_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> product(e.getProduct());
      case REVIEW -> {
        product(e.getProduct());
        review(e);
      }
      default -> { }
    }
  }

  private void review(final UserEvent e) {
    final Review review = e.getReview();
    if (review == null || review.getText() == null) {
      return; // a rating without words: nothing for the model
    }
    switch (TextInput.check(review.getText(), maxChars)) {
      case TextInput.Skipped s -> metrics.skipped(TextMetrics.Kind.REVIEW, s.reason().tag());
      case TextInput.Usable u -> {
        if (u.truncated()) {
          metrics.truncated();
        }
        review.setText(u.text());
        context.forward(new Record<String, Object>(e.getUserId(), e, wallClock.getAsLong()), ReviewBatcher.NAME);
      }
    }
  }

  private void product(final Product p) {
    if (p == null || (p.getCategory() != null && !p.getCategory().isBlank())) {
      return;
    }
    if (recentProducts.put(p.getProductId(), Boolean.TRUE) != null) {
      return;
    }
    switch (TextInput.check(p.getName(), maxChars)) {
      case TextInput.Skipped s -> metrics.skipped(TextMetrics.Kind.PRODUCT, s.reason().tag());
      case TextInput.Usable u -> context.forward(new Record<String, Object>(p.getProductId(), u.text(),
          wallClock.getAsLong()), TextTopology.TO_PRODUCT_NAMES);
    }
  }
}
