package io.segstream.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of per-segment stores (members, trending items): 4-byte big-endian segment id, then an id (user or
 * product) in UTF-8. RocksDB orders keys as unsigned bytes, so one segment's entries are one contiguous
 * range, sorted by id; that is what makes cursor paging and per-segment scans cheap.
 */
public final class SegmentKeys {
  private SegmentKeys() {}

  public static Bytes key(final int segmentId, final String id) {
    final byte[] user = id.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(4 + user.length).putInt(segmentId ^ Integer.MIN_VALUE).put(user).array());
  }

  /** First possible key after {@code afterUserId} in the segment (or the segment's first key if empty). */
  public static Bytes from(final int segmentId, final String afterUserId) {
    if (afterUserId.isEmpty()) {
      return prefix(segmentId);
    }
    final byte[] k = key(segmentId, afterUserId).get();
    return Bytes.wrap(Arrays.copyOf(k, k.length + 1)); // append 0x00: strictly after the cursor
  }

  /** Inclusive upper bound: the next segment's bare prefix, which no member key equals. */
  public static Bytes to(final int segmentId) {
    return prefix(segmentId + 1);
  }

  public static int segmentId(final Bytes key) {
    return ByteBuffer.wrap(key.get(), 0, 4).getInt() ^ Integer.MIN_VALUE;
  }

  /** The id after the segment prefix (user id or product id). */
  public static String id(final Bytes key) {
    final byte[] k = key.get();
    return new String(k, 4, k.length - 4, StandardCharsets.UTF_8);
  }

  private static Bytes prefix(final int segmentId) {
    // Flip the sign bit so negative ids (never used, but possible) sort before positive ones.
    return Bytes.wrap(ByteBuffer.allocate(4).putInt(segmentId ^ Integer.MIN_VALUE).array());
  }
}
