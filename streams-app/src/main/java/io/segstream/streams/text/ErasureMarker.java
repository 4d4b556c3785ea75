package io.segstream.streams.text;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns an erasure request (any value, keyed by userId) into a marker the review batcher understands. */
final class ErasureMarker implements Processor<String, byte[], String, Object> {
  static final String NAME = "erasure-marker";
  private ProcessorContext<String, Object> context;

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    if (record.key() != null) {
      context.forward(new Record<String, Object>(record.key(), ReviewBatcher.Erasure.REQUESTED, record.timestamp()));
    }
  }
}
