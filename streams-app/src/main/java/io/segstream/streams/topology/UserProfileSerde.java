package io.segstream.streams.topology;

import io.segstream.avro.UserProfile;
import io.segstream.schemas.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The user-profiles store's own compact, versioned encoding of {@link UserProfile}, in place of Avro's
 * single-object encoding. The profile is read and written on every event, and the JFR profile in
 * docs/performance.md put Avro's encode and decode of it (with its 10-byte schema header) at about a tenth of an
 * event's work. This encoding writes the same fields in the same meaning, so nothing above the store changes:
 * timestamps as varint differences from {@code firstSeen}, and only the slots that are not zero, after a bitmap of
 * which ones those are (most counters of most users are zero).
 *
 * <p>Format version 1: {@code 0x01}, layout (varint length, UTF-8), firstSeen (zig-zag varlong), a byte whose bits
 * 0-4 say which of lastSeen, lastPurchase, decayedAt, lastVectorAt, assignedAt are 0, then those that are not (each
 * the zig-zag varlong of its difference from firstSeen), sessionKey (8 bytes), sessionFlags (varint), slot count n (varint), a bitmap of ceil(n/8) bytes (bit set:
 * slot not zero), the non-zero slots (4 bytes each, little-endian floats, as in {@code UserProfile.slots}),
 * segmentId (zig-zag varint), modelVersion (zig-zag varlong), distance (8 bytes, little-endian double).
 *
 * <p>Migration: values that do not start with a known version byte are read as the Avro single-object encoding
 * written before (its first byte is always {@code 0xC3}), so existing stores and changelogs keep working and are
 * rewritten in this format user by user as users are updated. Going back to an older release needs a fresh state
 * (its Avro reader cannot read this). Thread-safe and stateless apart from a cache of the last layout string.
 */
public final class UserProfileSerde implements Serde<UserProfile>, Serializer<UserProfile>, Deserializer<UserProfile> {
  static final byte VERSION_1 = 0x01;
  private static final int SLOT_BYTES = Float.BYTES;

  /** The last layout decoded: every user of a store has the same one, so it is decoded once, not per read. */
  private volatile Layout lastLayout = new Layout(new byte[0], "");

  private record Layout(byte[] utf8, String value) {}

  @Override
  public byte[] serialize(final String topic, final UserProfile p) {
    if (p == null) {
      return null;
    }
    final byte[] layout = layoutBytes(p.getLayout());
    final ByteBuffer slots = p.getSlots().duplicate();
    final int n = slots.remaining() / SLOT_BYTES;
    final Writer w = new Writer(1 + 5 + layout.length + 1 + 10 * 7 + 8 + 5 + 5 + (n + 7) / 8 + n * SLOT_BYTES + 5 + 10 + 8);
    w.b(VERSION_1);
    w.varint(layout.length);
    w.bytes(layout, 0, layout.length);
    final long first = p.getFirstSeen();
    w.varlong(zigzag(first));
    final long[] times = {p.getLastSeen(), p.getLastPurchase(), p.getDecayedAt(), p.getLastVectorAt(), p.getAssignedAt()};
    int zeros = 0;
    for (int i = 0; i < times.length; i++) {
      zeros |= times[i] == 0 ? 1 << i : 0;
    }
    w.b((byte) zeros);
    for (final long t : times) {
      if (t != 0) {
        w.varlong(zigzag(t - first)); // wraps for absurd values, and unwraps the same way
      }
    }
    w.fixed64(p.getSessionKey());
    w.varint(p.getSessionFlags());
    w.varint(n);
    final int bitmapAt = w.reserve((n + 7) / 8);
    final int base = slots.position();
    for (int i = 0; i < n; i++) {
      final int at = base + i * SLOT_BYTES;
      if (slots.getInt(at) != 0) { // +0.0f only: -0.0f keeps its sign bit
        w.buf[bitmapAt + (i >>> 3)] |= (byte) (1 << (i & 7));
        for (int k = 0; k < SLOT_BYTES; k++) {
          w.b(slots.get(at + k));
        }
      }
    }
    w.varlong(zigzag(p.getSegmentId()));
    w.varlong(zigzag(p.getModelVersion()));
    w.fixed64(Double.doubleToRawLongBits(p.getDistance()));
    return Arrays.copyOf(w.buf, w.pos);
  }

  @Override
  public UserProfile deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0 || bytes[0] != VERSION_1) {
      return AvroSerdes.USER_PROFILE.deserialize(topic, bytes); // written before this encoding: Avro
    }
    try {
      final Reader r = new Reader(bytes, 1);
      final int layoutLength = r.varint();
      final String layout = layout(bytes, r.pos, layoutLength);
      r.pos += layoutLength;
      final long first = unzigzag(r.varlong());
      final int zeros = bytes[r.pos++];
      final long lastSeen = r.sinceFirst(first, zeros, 0);
      final long lastPurchase = r.sinceFirst(first, zeros, 1);
      final long decayedAt = r.sinceFirst(first, zeros, 2);
      final long lastVectorAt = r.sinceFirst(first, zeros, 3);
      final long assignedAt = r.sinceFirst(first, zeros, 4);
      final long sessionKey = r.fixed64();
      final int sessionFlags = r.varint();
      final int n = r.varint();
      final int bitmapAt = r.pos;
      r.pos += (n + 7) / 8;
      final byte[] slots = new byte[n * SLOT_BYTES];
      for (int i = 0; i < n; i++) {
        if ((bytes[bitmapAt + (i >>> 3)] & (1 << (i & 7))) != 0) {
          System.arraycopy(bytes, r.pos, slots, i * SLOT_BYTES, SLOT_BYTES);
          r.pos += SLOT_BYTES;
        }
      }
      final int segmentId = (int) unzigzag(r.varlong());
      final long modelVersion = unzigzag(r.varlong());
      final double distance = Double.longBitsToDouble(r.fixed64());
      if (r.pos != bytes.length) {
        throw new SerializationException("user profile of " + bytes.length + " bytes has " + (bytes.length - r.pos)
            + " bytes left over after decoding");
      }
      return new UserProfile(layout, first, lastSeen, lastPurchase, decayedAt, sessionKey, sessionFlags,
          ByteBuffer.wrap(slots).order(ByteOrder.LITTLE_ENDIAN), lastVectorAt, segmentId, modelVersion, distance,
          assignedAt);
    } catch (final ArrayIndexOutOfBoundsException e) {
      throw new SerializationException("truncated user profile (" + bytes.length + " bytes)", e);
    }
  }

  @Override
  public void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
    // nothing to configure: the format is fixed by its version byte
  }

  @Override
  public void close() {
    // nothing held
  }

  @Override
  public Serializer<UserProfile> serializer() {
    return this;
  }

  @Override
  public Deserializer<UserProfile> deserializer() {
    return this;
  }

  private byte[] layoutBytes(final String layout) {
    final Layout last = lastLayout;
    if (last.value().equals(layout)) {
      return last.utf8();
    }
    final byte[] utf8 = layout.getBytes(StandardCharsets.UTF_8);
    lastLayout = new Layout(utf8, layout);
    return utf8;
  }

  private String layout(final byte[] bytes, final int from, final int length) {
    final Layout last = lastLayout;
    if (Arrays.equals(last.utf8(), 0, last.utf8().length, bytes, from, from + length)) {
      return last.value();
    }
    final String layout = new String(bytes, from, length, StandardCharsets.UTF_8);
    lastLayout = new Layout(Arrays.copyOfRange(bytes, from, from + length), layout);
    return layout;
  }

  private static long zigzag(final long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(final long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Appends to a buffer sized up front for the largest possible encoding. */
  private static final class Writer {
    final byte[] buf;
    int pos;

    Writer(final int capacity) {
      buf = new byte[capacity];
    }

    void b(final byte v) {
      buf[pos++] = v;
    }

    void bytes(final byte[] src, final int from, final int length) {
      System.arraycopy(src, from, buf, pos, length);
      pos += length;
    }

    int reserve(final int length) {
      final int at = pos;
      pos += length;
      return at;
    }

    void varint(final int v) {
      varlong(v & 0xFFFFFFFFL);
    }

    void varlong(final long v) {
      long x = v;
      while ((x & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((x & 0x7F) | 0x80);
        x >>>= 7;
      }
      buf[pos++] = (byte) x;
    }

    void fixed64(final long v) {
      for (int k = 0; k < 8; k++) {
        buf[pos++] = (byte) (v >>> (8 * k));
      }
    }
  }

  private static final class Reader {
    final byte[] buf;
    int pos;

    Reader(final byte[] buf, final int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    int varint() {
      final long v = varlong();
      if (v > Integer.MAX_VALUE) {
        throw new SerializationException("user profile: varint out of range");
      }
      return (int) v;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        final byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new SerializationException("user profile: malformed varint");
    }

    long sinceFirst(final long first, final int zeros, final int index) {
      return (zeros & (1 << index)) != 0 ? 0 : unzigzag(varlong()) + first;
    }

    long fixed64() {
      long v = 0;
      for (int k = 0; k < 8; k++) {
        v |= (buf[pos++] & 0xFFL) << (8 * k);
      }
      return v;
    }
  }
}
