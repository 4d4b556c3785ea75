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
  /** Marks a delete held for the next flush, so that one lookup answers both "written?" and "deleted?". */
  private static final Object DELETED = new Object();

  /**
   * One key held: its latest value as the processor saw it (a {@code V}, or {@link #DELETED}), and whether that is
   * a write not flushed yet. A key read and then written is updated in place: one hash lookup per access, where a
   * map of writes beside a map of values read took four (two of them inserts), and those lookups, cache misses in
   * maps of tens of thousands of keys, were a tenth of the stream thread (docs/performance.md).
   */
  private static final class Held<K> {
    private final K key;
    private Object value;
    private boolean dirty;

    private Held(final K key, final Object value) {
      this.key = key;
      this.value = value;
    }
  }

  private final KeyValueStore<K, V> written;
  private final int capacity;
  private final boolean keepsValues;
  /**
   * Keys read or written lately. Bounded by writing through and clearing it whole when full: cheaper on the hot path
   * than an LRU's bookkeeping, and a cleared entry only costs one read and decode from RocksDB.
   */
  private final Map<K, Held<K>> held = new HashMap<>();
  /** The held keys written since the last flush, in the order first written. */
  private final List<Held<K>> dirty = new ArrayList<>();

  /**
   * @param written the logged store the buffer is written to (without Kafka Streams' cache)
   * @param capacity keys held at once, read or written; when a new key finds it full, every write held goes
   *     through to {@code written} (still inside the open transaction) and the buffer starts empty
   * @param keepsValues whether values stay as objects once written through, for the processor to read again;
   *     false for a store the processor only writes
   */
  CommitBufferedStore(final KeyValueStore<K, V> written, final int capacity, final boolean keepsValues) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.written = written;
    this.capacity = capacity;
    this.keepsValues = keepsValues;
  }

  // ---- the processor's view (stream thread only) ------------------------------------------------

  /** The latest value of the key, including writes not yet flushed. */
  public Optional<V> latest(final K key) {
    final Held<K> h = held.get(key);
    if (h != null) {
      return h.value == DELETED ? Optional.empty() : Optional.of(value(h.value));
    }
    final V stored = written.get(key);
    if (stored != null && keepsValues) {
      admit(new Held<>(key, stored));
    }
    return Optional.ofNullable(stored);
  }

  /**
   * A value read from what is written (by an iteration), brought up to date with this processor's writes since:
   * empty if it deleted the key. Iterations see only what is written; this is how they see the rest.
   */
  public Optional<V> overlay(final K key, final V writtenValue) {
    final Held<K> h = held.get(key);
    if (h != null && h.dirty) {
      return h.value == DELETED ? Optional.empty() : Optional.of(value(h.value));
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
    if (dirty.isEmpty()) {
      return;
    }
    final List<KeyValue<K, V>> puts = new ArrayList<>(dirty.size());
    for (final Held<K> h : dirty) {
      h.dirty = false;
      if (h.value == DELETED) {
        written.delete(h.key);
        held.remove(h.key);
      } else {
        puts.add(KeyValue.pair(h.key, value(h.value)));
      }
    }
    written.putAll(puts); // one RocksDB write batch
    dirty.clear();
    if (!keepsValues) {
      held.clear();
    }
  }

  /** Writes held, not yet flushed (for tests and metrics). */
  public int pendingWrites() {
    return dirty.size();
  }

  /** Only values of type V and {@link #DELETED} are ever held. */
  @SuppressWarnings("unchecked")
  private static <V> V value(final Object held) {
    return (V) held;
  }

  private void hold(final K key, final Object value) {
    final Held<K> h = held.get(key);
    if (h != null) {
      h.value = value;
      if (!h.dirty) {
        h.dirty = true;
        dirty.add(h);
      }
      return;
    }
    final Held<K> added = new Held<>(key, value);
    added.dirty = true;
    admit(added);
    dirty.add(added);
  }

  private void admit(final Held<K> h) {
    if (held.size() >= capacity) {
      writeThrough();
      held.clear();
    }
    held.put(h.key, h);
  }

  // ---- Kafka Streams' calls --------------------------------------------------------------------

  @Override
  public void flushCache() {
    writeThrough();
  }

  @Override
  public void clearCache() {
    held.clear();
    dirty.clear();
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
