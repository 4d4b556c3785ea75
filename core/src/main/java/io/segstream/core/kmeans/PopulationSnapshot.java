package io.segstream.core.kmeans;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest clustering vector of each user in a fixed-size, deterministic sample of the population: the data a
 * {@link PopulationFit} fits on.
 *
 * <p>Why: the online model learns from whatever vectors arrive, and which arrive depends on who was active and how
 * fast the data came; the same shop history replayed at another pace then ends in another local optimum, and a
 * scaler built from the stream over-represents active users. A snapshot holds one vector per user, the latest, so
 * once the population's features stop changing the snapshot is a function of the data alone.
 *
 * <p>The sample is a bottom-k sketch: the {@code capacity} users with the smallest 64-bit hash of their id. Which
 * users are kept therefore depends only on the set of ids, not on arrival order, and every user is equally likely to
 * be in it. Not thread-safe: the trainer's thread owns it.
 */
public final class PopulationSnapshot {
  private final int capacity;
  private final Map<String, double[]> vectors = new HashMap<>();
  private final TreeMap<Long, String> byHash = new TreeMap<>();
  private long changes;

  public PopulationSnapshot(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("population capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records a user's latest vector (copied).
   *
   * @return false if the user already had exactly this vector (nothing new was learnt about them), or is not in the
   *     sample
   */
  public boolean put(final String userId, final double[] vector) {
    final double[] before = vectors.get(userId);
    if (before != null) {
      if (Arrays.equals(before, vector)) {
        return false;
      }
      vectors.put(userId, vector.clone());
      changes++;
      return true;
    }
    final long hash = hash(userId);
    if (vectors.size() >= capacity) {
      final Map.Entry<Long, String> largest = byHash.lastEntry();
      if (hash >= largest.getKey()) {
        return false;
      }
      byHash.pollLastEntry();
      vectors.remove(largest.getValue());
    }
    if (byHash.putIfAbsent(hash, userId) != null) {
      return false; // a 64-bit collision: keep the first user
    }
    vectors.put(userId, vector.clone());
    changes++;
    return true;
  }

  /** Forgets a user (erased or expired). */
  public void remove(final String userId) {
    if (vectors.remove(userId) != null) {
      byHash.remove(hash(userId));
      changes++;
    }
  }

  public boolean contains(final String userId, final double[] vector) {
    return Arrays.equals(vectors.get(userId), vector);
  }

  public int size() {
    return vectors.size();
  }

  public int capacity() {
    return capacity;
  }

  /** Vectors added, changed or removed since this snapshot was created; grows monotonically. */
  public long changes() {
    return changes;
  }

  /** The vectors in hash order: the same users give the same rows in the same order, whatever the arrival order. */
  public double[][] rows() {
    final double[][] out = new double[vectors.size()][];
    int i = 0;
    for (final String user : byHash.values()) {
      out[i++] = vectors.get(user);
    }
    return out;
  }

  /** Which of {@code buckets} buckets a user falls in, by the same stable hash (its low bits, not the sketch's order). */
  public static int bucket(final String userId, final int buckets) {
    return (int) Math.floorMod(hash(userId) * 0x9E3779B97F4A7C15L >>> 17, (long) buckets);
  }

  /** FNV-1a over the id's UTF-8 bytes, then a 64-bit finaliser: stable across JVMs and releases. */
  static long hash(final String userId) {
    long h = 0xcbf29ce484222325L;
    for (final byte b : userId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
