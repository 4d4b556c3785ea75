package io.segstream.streams.topology;

import io.segstream.avro.UserProfile;
import io.segstream.core.features.SlotLayout;
import io.segstream.core.features.UserState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Between the state as stored (Avro UserProfile in RocksDB and its changelog) and the state as computed. */
public final class UserStateCodec {
  private UserStateCodec() {}

  public static UserProfile toAvro(final UserState s) {
    return UserProfile.newBuilder()
        .setLayout(s.layoutId()).setFirstSeen(s.firstSeen()).setLastSeen(s.lastSeen())
        .setLastPurchase(s.lastPurchase()).setDecayedAt(s.decayedAt())
        .setSessionKey(s.sessionKey()).setSessionFlags(s.sessionFlags())
        .setSlots(pack(s.slots())).setLastVectorAt(s.lastVectorAt())
        .setSegmentId(s.segmentId()).setModelVersion(s.modelVersion()).setDistance(s.distance())
        .setAssignedAt(s.assignedAt())
        .build();
  }

  /**
   * @return the state, with counters reset if they were written under another slot layout (their
   *     meaning is unknown then); timestamps and assignment survive
   */
  public static UserState fromAvro(final UserProfile p, final SlotLayout layout) {
    final double[] slots = layoutMatches(p, layout) ? unpack(p.getSlots()) : new double[layout.size()];
    final UserState s = new UserState(layout.id(), slots, p.getFirstSeen(), p.getLastSeen(), p.getLastPurchase(),
        p.getDecayedAt(), p.getSessionKey(), p.getSessionFlags());
    s.vectorEmitted(p.getLastVectorAt());
    s.assign(p.getSegmentId(), p.getModelVersion(), p.getDistance(), p.getAssignedAt());
    return s;
  }

  public static boolean layoutMatches(final UserProfile p, final SlotLayout layout) {
    return p.getLayout().equals(layout.id()) && p.getSlots().remaining() == layout.size() * Float.BYTES;
  }

  /** Whole-array float copies: a getFloat or putFloat per slot was 3% of the stream thread (docs/performance.md). */
  static ByteBuffer pack(final double[] slots) {
    final float[] f = new float[slots.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) slots[i];
    }
    final ByteBuffer b = ByteBuffer.allocate(slots.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(f);
    return b;
  }

  static double[] unpack(final ByteBuffer packed) {
    final float[] f = new float[packed.remaining() / Float.BYTES];
    packed.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
    final double[] out = new double[f.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f[i];
    }
    return out;
  }
}
