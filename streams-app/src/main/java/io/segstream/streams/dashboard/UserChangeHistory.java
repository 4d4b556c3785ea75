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
    this.users = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, Deque<ChangeView>> eldest) {
        return size() > maxUsers;
      }
    };
  }

  synchronized void add(final ChangeView c) {
    final Deque<ChangeView> d = users.computeIfAbsent(c.userId(), u -> new ArrayDeque<>(perUser));
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
