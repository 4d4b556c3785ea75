package io.segstream.streams.topology;

import io.segstream.avro.EventType;
import io.segstream.avro.ItemScore;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.streams.state.CommitBufferedStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * What is trending in each segment: a decayed activity score per (segment, product), credited to the
 * segment of the user who acted. One small entry per product, updated in O(1) on the hot path (a single
 * list per segment would be re-serialised on every event); decay is applied lazily from each entry's own
 * timestamp. {@link #prune} keeps only the top {@code capacity} products per segment and task, so the state
 * is bounded; a product that falls out and comes back starts again from zero, as in a space-saving sketch.
 */
final class TrendingItemScores {
  static final double VIEW_WEIGHT = 0.1;
  static final double CART_WEIGHT = 0.3;
  static final double PURCHASE_WEIGHT = 1.0;

  private final CommitBufferedStore<Bytes, ItemScore> store;
  private final double halfLifeMs;
  private final int capacity;

  /** @param store the task's entries; its buffer keeps recent entries as objects, so a credit decodes nothing */
  TrendingItemScores(final CommitBufferedStore<Bytes, ItemScore> store, final double halfLifeMs, final int capacity) {
    this.store = store;
    this.halfLifeMs = halfLifeMs;
    this.capacity = capacity;
  }

  void record(final int segmentId, final UserEvent e) {
    final long t = e.getTimestamp().toEpochMilli();
    switch (e.getType()) {
      case PAGE_VIEW -> add(segmentId, e.getProduct(), VIEW_WEIGHT, t);
      case ADD_TO_CART -> add(segmentId, e.getProduct(), CART_WEIGHT, t);
      case PURCHASE -> {
        for (final LineItem li : e.getItems()) {
          add(segmentId, li.getProduct(), PURCHASE_WEIGHT, t);
        }
      }
      default -> { }
    }
  }

  private void add(final int segmentId, final Product p, final double weight, final long t) {
    if (p == null || p.getProductId() == null || p.getProductId().isEmpty()) {
      return;
    }
    final Bytes key = SegmentKeys.key(segmentId, p.getProductId());
    final ItemScore old = store.latest(key).orElse(null);
    final double score = old == null ? weight : decayed(old, t) + weight;
    final ItemScore updated = new ItemScore(score, Math.max(t, old == null ? t : old.getUpdatedAt()),
        newerOrKnown(p.getName(), old == null ? null : old.getName()),
        newerOrKnown(p.getCategory(), old == null ? null : old.getCategory()));
    store.write(key, updated);
  }

  /** An event's name or category when it carries one, else what the item already had (Avro nullable fields). */
  private static String newerOrKnown(final String fromEvent, final String known) {
    return fromEvent != null ? fromEvent : known;
  }

  /** The score brought forward to {@code now} (a late event adds its weight as of its own time, undecayed). */
  double decayed(final ItemScore s, final long now) {
    return now <= s.getUpdatedAt() ? s.getScore() : s.getScore() * Math.pow(2.0, -(now - s.getUpdatedAt()) / halfLifeMs);
  }

  /** Drops all but the top {@code capacity} products of the segment (scores compared at {@code now}). */
  void prune(final int segmentId, final long now) {
    // What is written, brought up to date with this commit's credits; products first credited since the last
    // commit are not written yet, so they wait for the next prune of the segment.
    final List<KeyValue<Bytes, Double>> entries = new ArrayList<>();
    try (KeyValueIterator<Bytes, ItemScore> it = store.range(SegmentKeys.from(segmentId, ""), SegmentKeys.to(segmentId))) {
      while (it.hasNext()) {
        final KeyValue<Bytes, ItemScore> kv = it.next();
        store.overlay(kv.key, kv.value).ifPresent(v -> entries.add(KeyValue.pair(kv.key, decayed(v, now))));
      }
    }
    if (entries.size() <= capacity) {
      return;
    }
    entries.sort(Comparator.comparingDouble((KeyValue<Bytes, Double> kv) -> kv.value).reversed());
    for (final KeyValue<Bytes, Double> kv : entries.subList(capacity, entries.size())) {
      store.remove(kv.key);
    }
  }

  static boolean credits(final EventType type) {
    return type == EventType.PAGE_VIEW || type == EventType.ADD_TO_CART || type == EventType.PURCHASE;
  }
}
