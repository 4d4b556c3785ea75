package io.segstream.streams.text;

import io.segstream.text.SentimentHead;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentiment head now in the global head store, parsed only when it changed. Empty until the learner
 * published a first version (the anchors give sentiment until then), or if what is stored is not a head or
 * does not fit the model's embeddings (e.g. after text.model-path changed): then it is ignored, said once.
 */
final class CurrentHead {
  private static final Logger LOG = LoggerFactory.getLogger(CurrentHead.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final int dimension;
  private byte[] bytes = new byte[0];
  private Optional<SentimentHead> head = Optional.empty();

  CurrentHead(final ReadOnlyKeyValueStore<String, byte[]> store, final int dimension) {
    this.store = store;
    this.dimension = dimension;
  }

  Optional<SentimentHead> get() {
    final byte[] now = store.get(SentimentHeadLearner.HEAD_KEY);
    if (now == null) {
      bytes = new byte[0];
      head = Optional.empty();
    } else if (!Arrays.equals(now, bytes)) {
      bytes = now;
      head = parse(now);
    }
    return head;
  }

  private Optional<SentimentHead> parse(final byte[] b) {
    try {
      final SentimentHead h = SentimentHead.fromBytes(b);
      if (h.dimension() != dimension) {
        LOG.warn("sentiment head version {} has {} dimensions but the model gives {}; using the anchors until a head"
            + " is trained on this model's embeddings", h.version(), h.dimension(), dimension);
        return Optional.empty();
      }
      LOG.info("using sentiment head version {} (trained on {} rated reviews, {} seen)", h.version(), h.trainedOn(),
          h.ratingsSeen());
      return Optional.of(h);
    } catch (final IllegalArgumentException e) {
      LOG.warn("ignoring the stored sentiment head: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
