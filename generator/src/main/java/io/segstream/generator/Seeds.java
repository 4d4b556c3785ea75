package io.segstream.generator;

import java.util.SplittableRandom;

/** Derives independent random streams from the one simulation seed. */
final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  static SplittableRandom forUser(final long seed, final int user) {
    return new SplittableRandom(mix(seed * GOLDEN + user));
  }

  /** A stream for a purpose other than a user's behaviour (persona assignment, drift picks, ...). */
  static SplittableRandom forPurpose(final long seed, final long purpose) {
    return new SplittableRandom(mix(seed ^ mix(purpose + GOLDEN)));
  }

  /** SplitMix64's finaliser: a cheap bijection that scatters neighbouring inputs. */
  static long mix(final long z0) {
    long z = (z0 ^ (z0 >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
