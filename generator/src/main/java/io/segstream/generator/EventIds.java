package io.segstream.generator;

import java.util.UUID;

/**
 * Event ids that look like random UUIDs but are a pure function of (seed, user, sequence), so a re-run with the
 * same seed reproduces the same ids and users never have to share a counter.
 */
final class EventIds {
  private EventIds() {}

  static String of(final long seed, final int user, final long sequence) {
    final long hi = Seeds.mix(seed * 0x9E3779B97F4A7C15L + user);
    final long lo = Seeds.mix(hi ^ (sequence * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
    // Version 4 / IETF variant bits, like UUID.randomUUID().
    return new UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }
}
