package io.segstream.core.features;

/**
 * A user's state read at one moment: decayed counters brought forward to {@code now}, recency in days.
 * Feature definitions compute from this and nothing else.
 */
public final class ProfileView {
  private static final double DAY_MS = 86_400_000.0;

  private final UserState state;
  private final SlotLayout layout;
  private final long now;
  private final double decay;
  private final double recencyCapDays;

  ProfileView(final UserState state, final SlotLayout layout, final long now, final double halfLifeMs,
      final double recencyCapDays) {
    this.state = state;
    this.layout = layout;
    this.now = now;
    this.decay = now > state.decayedAt() ? Math.pow(2.0, -(now - state.decayedAt()) / halfLifeMs) : 1.0;
    this.recencyCapDays = recencyCapDays;
  }

  public double decayed(final Counter c) {
    return state.slots()[layout.slot(c)] * decay;
  }

  public double lifetime(final Counter c) {
    return state.slots()[layout.slot(c)];
  }

  /** Decayed activity in the category at this index of {@link SlotLayout#categories()}. */
  public double category(final int index) {
    return state.slots()[layout.categorySlot(index)] * decay;
  }

  public int categoryCount() {
    return layout.categories().size();
  }

  public double daysSinceLastPurchase() {
    return state.hasPurchased() ? capped(now - state.lastPurchase()) : recencyCapDays;
  }

  public double daysSinceLastSeen() {
    return capped(now - state.lastSeen());
  }

  public double tenureDays() {
    return Math.max(0.0, (now - state.firstSeen()) / DAY_MS);
  }

  private double capped(final long millis) {
    return Math.min(recencyCapDays, Math.max(0.0, millis / DAY_MS));
  }

  /** a / b, or 0 when there is nothing to divide by (a rate of nothing is no signal). */
  public static double ratio(final double a, final double b) {
    return b > 1e-9 ? a / b : 0.0;
  }
}
