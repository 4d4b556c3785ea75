package io.segstream.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link CommitBufferedStore} over a key-value store built by Kafka Streams' own builder (RocksDB,
 * changelog, metrics), with Kafka Streams' record cache off: the buffer is the cache.
 */
public final class CommitBufferedStoreBuilder<K, V> implements StoreBuilder<CommitBufferedStore<K, V>> {
  /**
   * Writes held by a store the processor only writes, before they are written through early: far above a commit
   * interval's worth of distinct keys.
   */
  static final int PENDING_CAPACITY = 100_000;

  private final StoreBuilder<KeyValueStore<K, V>> written;
  private final int recentCapacity;

  /**
   * @param written the store beneath, as {@code Stores.keyValueStoreBuilder(...)} builds it
   * @param recentCapacity keys held as objects per task, read or written; 0 for a store the processor only writes
   */
  public CommitBufferedStoreBuilder(final StoreBuilder<KeyValueStore<K, V>> written, final int recentCapacity) {
    this.written = written.withCachingDisabled();
    this.recentCapacity = recentCapacity;
  }

  /** Refused: Kafka Streams' cache under this buffer would only add a second copy of every write. */
  @Override
  public StoreBuilder<CommitBufferedStore<K, V>> withCachingEnabled() {
    throw new UnsupportedOperationException(name() + " buffers its writes itself; Kafka Streams' cache stays off");
  }

  @Override
  public StoreBuilder<CommitBufferedStore<K, V>> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<CommitBufferedStore<K, V>> withLoggingEnabled(final Map<String, String> config) {
    written.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<CommitBufferedStore<K, V>> withLoggingDisabled() {
    written.withLoggingDisabled();
    return this;
  }

  @Override
  public CommitBufferedStore<K, V> build() {
    return recentCapacity > 0 ? new CommitBufferedStore<>(written.build(), recentCapacity, true)
        : new CommitBufferedStore<>(written.build(), PENDING_CAPACITY, false);
  }

  @Override
  public Map<String, String> logConfig() {
    return written.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return written.loggingEnabled();
  }

  @Override
  public String name() {
    return written.name();
  }
}
