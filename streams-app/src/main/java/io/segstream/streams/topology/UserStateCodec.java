package io.segstream.streams.topology;

import io.segstream.avro.UserProfile;
import io.segstream.core.features.SlotLayout;
import io.segstream.core.features.UserState;
import io.segstream.core.model.SegmentationCodec;

/** Between the state as stored (Avro UserProfile in RocksDB and its changelog) and the state as computed. */
public final class UserStateCodec {
  private UserStateCodec() {}

  public static UserProfile toAvro(final UserState s) {
    return UserProfile.newBuilder()
        .setLayout(s.layoutId()).setFirstSeen(s.firstSeen()).setLastSeen(s.lastSeen())
        .setLastPurchase(s.lastPurchase()).setDecayedAt(s.decayedAt())
        .setSessionKey(s.sessionKey()).setSessionFlags(s.sessionFlags())
        .setSlots(SegmentationCodec.boxed(s.slots())).setLastVectorAt(s.lastVectorAt())
        .setSegmentId(s.segmentId()).setModelVersion(s.modelVersion()).setDistance(s.distance())
        .setAssignedAt(s.assignedAt())
        .build();
  }

  /**
   * @return the state, with counters reset if they were written under another slot layout (their
   *     meaning is unknown then); timestamps and assignment survive
   */
  public static UserState fromAvro(final UserProfile p, final SlotLayout layout) {
    final boolean sameLayout = p.getLayout().equals(layout.id()) && p.getSlots().size() == layout.size();
    final double[] slots = sameLayout ? SegmentationCodec.unboxed(p.getSlots()) : new double[layout.size()];
    final UserState s = new UserState(layout.id(), slots, p.getFirstSeen(), p.getLastSeen(), p.getLastPurchase(),
        p.getDecayedAt(), p.getSessionKey(), p.getSessionFlags());
    s.vectorEmitted(p.getLastVectorAt());
    s.assign(p.getSegmentId(), p.getModelVersion(), p.getDistance(), p.getAssignedAt());
    return s;
  }

  public static boolean layoutMatches(final UserProfile p, final SlotLayout layout) {
    return p.getLayout().equals(layout.id()) && p.getSlots().size() == layout.size();
  }
}
