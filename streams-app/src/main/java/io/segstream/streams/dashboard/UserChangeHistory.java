package io.segstream.streams.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last few changes of the users whose changes this instance has watched, bounded: the least recently changed
 * users are forgotten first. The dashboard's user lookup shows it as "history if known"; the compacted assignments
 * topic only holds the current segment.
 */
final class UserChangeHistory {
  private final int perUser;
  private final LinkedHashMap<String, Deque<ChangeView>> users;

  UserChangeHistory(final int maxUsers, final int perUser) {
    this.perUser = perUser;
    this.users = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, Deque<ChangeView>> eldest) {
        return size() > maxUsers;
      }
    };
  }

  synchronized void add(final ChangeView c) {
    // Re-inserted on every change, so the map's order is by last change and lookups do not keep a user alive.
    final Deque<ChangeView> before = users.remove(c.userId());
    final Deque<ChangeView> d = before != null ? before : new ArrayDeque<>(perUser);
    users.put(c.userId(), d);
    d.addLast(c);
    while (d.size() > perUser) {
      d.removeFirst();
    }
  }

  /** Oldest first; empty when this instance has not seen the user change. */
  synchronized Optional<List<ChangeView>> of(final String userId) {
    return Optional.ofNullable(users.get(userId)).map(ArrayList::new);
  }
}
