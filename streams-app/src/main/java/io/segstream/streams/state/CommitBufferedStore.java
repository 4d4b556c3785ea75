package io.segstream.streams.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store written by one processor, which keeps that processor's writes as objects in memory until
 * Kafka Streams commits the task, and then writes each key once to the logged RocksDB store beneath.
 *
 * <p><b>Why.</b> Kafka Streams' record cache ({@code statestore.cache.max.bytes}) also writes once per key and
 * commit, but it holds bytes in a sorted map: every put serialises the value, and every get and put walks a tree
 * of all cached keys of the store. For the stores touched on every event (user profiles and trending items) that
 * was the largest single cost of an event, and the membership index and sizes followed at short histories
 * (docs/performance.md). Here a get of a key written or read lately
 * returns the object itself, and a put keeps it; serialisation happens once per key and commit, in a batch.
 *
 * <p><b>Exactly-once.</b> Writes must reach the changelog inside the transaction that commits the input they come
 * from. Kafka Streams calls into a store inside that window only to flush caches: {@code StreamTask.flush} flushes
 * the caches of stores that implement its {@link CachedStateStore}, then the producer, and only then are the
 * offsets and the transaction committed. ({@link StateStore#commit} comes after the transaction, too late.)
 * {@code CachedStateStore} lives in Kafka Streams' internals package, so {@code CommitBufferedStoreTest} runs this
 * store in a real task and fails if an upgrade of Kafka Streams stops flushing it before the commit. On a dirty
 * close (a crash, a fenced producer) the buffer goes with the aborted transaction, and the task restarts from its
 * last commit, as with Kafka Streams' own cache.
 *
 * <p><b>Reads from other threads.</b> Interactive queries see this store as a {@link ReadOnlyKeyValueStore} of
 * what has been written to RocksDB (at most one commit interval behind), never the buffer, which only the stream
 * thread touches. The processor reads its own writes with {@link #latest}; when it iterates (what is written), it
 * brings each value up to date with {@link #overlay}. Keys it wrote but that are not written yet are not in the
 * iteration: they are new since the last commit, and the next iteration has them.
 */
public final class CommitBufferedStore<K, V> implements StateStore, CachedStateStore<K, V>, ReadOnlyKeyValueStore<K, V> {
  private final KeyValueStore<K, V> written;
  private final int recentCapacity;
  private final int pendingCapacity;
  /** Marks a delete in {@link #pending}, so that a get answers both "written?" and "deleted?" in one lookup. */
  private static final Object DELETED = new Object();
  /** Writes since the last flush: a value, or {@link #DELETED}. */
  private final Map<K, Object> pending = new HashMap<>();
  /**
   * Values read or flushed lately, as objects. Bounded by clearing it whole when full: cheaper on the hot path than
   * an LRU's bookkeeping, and a cleared entry only costs one read and decode from RocksDB.
   */
  private final Map<K, V> recent = new HashMap<>();

  /**
   * @param written the logged store the buffer is written to (without Kafka Streams' cache)
   * @param recentCapacity values kept as objects after they were read or written
   * @param pendingCapacity writes held before they are written through early (still inside the open transaction)
   */
  CommitBufferedStore(final KeyValueStore<K, V> written, final int recentCapacity, final int pendingCapacity) {
    this.written = written;
    this.recentCapacity = recentCapacity;
    this.pendingCapacity = pendingCapacity;
  }

  // ---- the processor's view (stream thread only) ------------------------------------------------

  /** The latest value of the key, including writes not yet flushed. */
  public Optional<V> latest(final K key) {
    final Object mine = pending.get(key);
    if (mine != null) {
      return mine == DELETED ? Optional.empty() : Optional.of(value(mine));
    }
    final V known = recent.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    final V stored = written.get(key);
    if (stored != null) {
      remember(key, stored);
    }
    return Optional.ofNullable(stored);
  }

  /**
   * A value read from what is written (by an iteration), brought up to date with this processor's writes since:
   * empty if it deleted the key. Iterations see only what is written; this is how they see the rest.
   */
  public Optional<V> overlay(final K key, final V writtenValue) {
    final Object mine = pending.get(key);
    if (mine != null) {
      return mine == DELETED ? Optional.empty() : Optional.of(value(mine));
    }
    return Optional.of(writtenValue);
  }

  /** Keeps the value until the commit; the value must not be changed afterwards (it is written as it is then). */
  public void write(final K key, final V value) {
    if (value == null) {
      throw new IllegalArgumentException("a null value; use remove()");
    }
    hold(key, value);
  }

  public void remove(final K key) {
    hold(key, DELETED);
  }

  /** Writes everything held to RocksDB and the changelog now, inside the open transaction (before an iteration). */
  public void writeThrough() {
    if (pending.isEmpty()) {
      return;
    }
    final List<KeyValue<K, V>> puts = new ArrayList<>(pending.size());
    for (final Map.Entry<K, Object> e : pending.entrySet()) {
      if (e.getValue() == DELETED) {
        written.delete(e.getKey());
        recent.remove(e.getKey());
      } else {
        final V v = value(e.getValue());
        puts.add(KeyValue.pair(e.getKey(), v));
        remember(e.getKey(), v);
      }
    }
    written.putAll(puts); // one RocksDB write batch
    pending.clear();
  }

  /** Writes held, not yet flushed (for tests and metrics). */
  public int pendingWrites() {
    return pending.size();
  }

  /** Only values of type V and {@link #DELETED} are ever put in {@link #pending}. */
  @SuppressWarnings("unchecked")
  private static <V> V value(final Object held) {
    return (V) held;
  }

  private void hold(final K key, final Object value) {
    pending.put(key, value);
    if (pending.size() >= pendingCapacity) {
      writeThrough();
    }
  }

  private void remember(final K key, final V value) {
    if (recentCapacity == 0) {
      return; // a store the processor only writes
    }
    if (recent.size() >= recentCapacity) {
      recent.clear();
    }
    recent.put(key, value);
  }

  // ---- Kafka Streams' calls --------------------------------------------------------------------

  @Override
  public void flushCache() {
    writeThrough();
  }

  @Override
  public void clearCache() {
    pending.clear();
    recent.clear();
  }

  /** No flush listener: only the DSL's cached KTables use one. */
  @Override
  public boolean setFlushListener(final CacheFlushListener<K, V> listener, final boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return written.name();
  }

  @Override
  public void init(final StateStoreContext context, final StateStore root) {
    clearCache();
    written.init(context, root);
  }

  @Override
  public void commit(final Map<TopicPartition, Long> changelogOffsets) {
    written.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(final TopicPartition partition) {
    return written.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return written.managesOffsets();
  }

  @Override
  public void close() {
    clearCache();
    written.close();
  }

  @Override
  public boolean persistent() {
    return written.persistent();
  }

  @Override
  public boolean isOpen() {
    return written.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
    return written.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return written.getPosition();
  }

  // ---- what has been written (any thread) ------------------------------------------------------

  @Override
  public V get(final K key) {
    return written.get(key);
  }

  @Override
  public KeyValueIterator<K, V> range(final K from, final K to) {
    return written.range(from, to);
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(final K from, final K to) {
    return written.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    return written.all();
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    return written.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(final P prefix, final PS prefixKeySerializer) {
    return written.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return written.approximateNumEntries();
  }
}
