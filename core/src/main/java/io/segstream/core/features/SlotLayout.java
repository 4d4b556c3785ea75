package io.segstream.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/**
 * Where each counter lives in a user's slot array: the {@link Counter}s in order, then one decayed slot
 * per tracked category and one for everything else. Identified by a fingerprint stored with the state.
 */
public final class SlotLayout {
  public static final String OTHER_CATEGORY = "other";
  /**
   * The counters once: {@code Counter.values()} copies the array on every call, and these lookups are made per slot
   * of every event (a tenth of an event's processing time, docs/performance.md).
   */
  private static final Counter[] COUNTERS = Counter.values();

  private final List<String> categories;
  private final Map<String, Integer> categoryIndex;
  private final String id;
  private final boolean[] decayed;

  public SlotLayout(final List<String> trackedCategories) {
    final List<String> cats = new ArrayList<>();
    for (final String c : trackedCategories) {
      final String norm = normalise(c);
      if (!norm.isEmpty() && !cats.contains(norm) && !norm.equals(OTHER_CATEGORY)) {
        cats.add(norm);
      }
    }
    cats.add(OTHER_CATEGORY);
    this.categories = List.copyOf(cats);
    this.categoryIndex = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      categoryIndex.put(categories.get(i), i);
    }
    final StringBuilder sig = new StringBuilder("layout1");
    for (final Counter c : COUNTERS) {
      sig.append('|').append(c.name()).append(':').append(c.kind());
    }
    sig.append("|cats:").append(String.join(",", categories));
    this.id = Fingerprint.of(sig.toString());
    this.decayed = new boolean[COUNTERS.length + categories.size()];
    for (int i = 0; i < decayed.length; i++) {
      decayed[i] = i >= COUNTERS.length || COUNTERS[i].kind() == Counter.Kind.DECAYED;
    }
  }

  public static String normalise(final String category) {
    return category.trim().toLowerCase(Locale.ROOT);
  }

  public int size() {
    return COUNTERS.length + categories.size();
  }

  public int slot(final Counter c) {
    return c.ordinal();
  }

  public int categorySlot(final int categoryIdx) {
    return COUNTERS.length + categoryIdx;
  }

  /** Tracked categories plus "other" (last). */
  public List<String> categories() {
    return categories;
  }

  /** Index of a category name among {@link #categories()}; unknown or missing names map to "other". */
  public int categoryIndex(final String category) {
    if (category == null) {
      return categories.size() - 1;
    }
    final Integer i = categoryIndex.get(normalise(category));
    return i == null ? categories.size() - 1 : i;
  }

  public boolean isDecayed(final int slot) {
    return slot >= decayed.length || decayed[slot];
  }

  public String id() {
    return id;
  }
}
