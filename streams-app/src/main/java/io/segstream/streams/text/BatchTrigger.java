package io.segstream.streams.text;

/**
 * When a buffer of texts should be embedded: when it holds a full batch, or when its oldest text has
 * waited the longest allowed (wall clock). Counts only; the texts themselves live in a state store.
 */
final class BatchTrigger {
  private final int batchSize;
  private final long maxWaitMs;
  private int pending;
  private long oldestAt;

  BatchTrigger(final int batchSize, final long maxWaitMs) {
    this.batchSize = batchSize;
    this.maxWaitMs = maxWaitMs;
  }

  void added(final long now) {
    if (pending++ == 0) {
      oldestAt = now;
    }
  }

  /** After a restart: the restored texts' arrival times are unknown, so their wait starts now. */
  void restored(final int count, final long now) {
    pending = count;
    oldestAt = now;
  }

  void removed(final int count) {
    pending = Math.max(0, pending - count);
  }

  boolean full() {
    return pending >= batchSize;
  }

  boolean due(final long now) {
    return pending > 0 && now - oldestAt >= maxWaitMs;
  }

  void flushed() {
    pending = 0;
  }

  int pending() {
    return pending;
  }

  /** How often to check for a due batch: a fraction of the wait, within sensible bounds. */
  long checkIntervalMs() {
    return Math.max(10, Math.min(1_000, maxWaitMs / 4));
  }
}
