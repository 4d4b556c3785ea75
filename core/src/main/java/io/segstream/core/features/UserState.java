package io.segstream.core.features;

/**
 * One user's mutable behaviour state and current assignment: a fixed number of slots (see
 * {@link SlotLayout}) and a few timestamps, so its size does not grow with the user's history.
 * Times are epoch millis (event time).
 */
public final class UserState {
  public static final int SESSION_CARTED = 1;
  public static final int SESSION_BOUGHT = 2;
  public static final int UNASSIGNED = -1;

  private final String layoutId;
  private final double[] slots;
  private long firstSeen;
  private long lastSeen;
  private long lastPurchase;
  private long decayedAt;
  private long sessionKey;
  private int sessionFlags;
  private long lastVectorAt;
  private int segmentId = UNASSIGNED;
  private long modelVersion;
  private double distance;
  private long assignedAt;

  public UserState(final String layoutId, final double[] slots, final long firstSeen, final long lastSeen,
      final long lastPurchase, final long decayedAt, final long sessionKey, final int sessionFlags) {
    this.layoutId = layoutId;
    this.slots = slots;
    this.firstSeen = firstSeen;
    this.lastSeen = lastSeen;
    this.lastPurchase = lastPurchase;
    this.decayedAt = decayedAt;
    this.sessionKey = sessionKey;
    this.sessionFlags = sessionFlags;
  }

  /** A user never seen before, first active at {@code time}. */
  public static UserState fresh(final SlotLayout layout, final long time) {
    return new UserState(layout.id(), new double[layout.size()], time, time, 0L, time, 0L, 0);
  }

  public String layoutId() { return layoutId; }
  public double[] slots() { return slots; }
  public long firstSeen() { return firstSeen; }
  public long lastSeen() { return lastSeen; }
  public long lastPurchase() { return lastPurchase; }
  public boolean hasPurchased() { return lastPurchase > 0; }
  public long decayedAt() { return decayedAt; }
  public long sessionKey() { return sessionKey; }
  public int sessionFlags() { return sessionFlags; }
  public long lastVectorAt() { return lastVectorAt; }
  public int segmentId() { return segmentId; }
  public boolean isAssigned() { return segmentId != UNASSIGNED; }
  public long modelVersion() { return modelVersion; }
  public double distance() { return distance; }
  public long assignedAt() { return assignedAt; }

  void seen(final long time) {
    firstSeen = Math.min(firstSeen, time);
    lastSeen = Math.max(lastSeen, time);
  }

  void purchased(final long time) {
    lastPurchase = Math.max(lastPurchase, time);
  }

  void decayedTo(final long time) {
    decayedAt = time;
  }

  void session(final long key, final int flags) {
    sessionKey = key;
    sessionFlags = flags;
  }

  public void vectorEmitted(final long time) {
    lastVectorAt = time;
  }

  public void assign(final int segment, final long version, final double dist, final long at) {
    segmentId = segment;
    modelVersion = version;
    distance = dist;
    assignedAt = at;
  }
}
