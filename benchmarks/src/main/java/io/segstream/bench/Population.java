package io.segstream.bench;

import java.util.List;

/**
 * Every user's clustering vector at one moment, with the generator's persona at that moment (its ordinal).
 *
 * @param vectors transformed, not standardised: what the streams app would send the updater
 */
public record Population(long at, List<String> userIds, double[][] vectors, int[] truth) {
  public Population {
    userIds = List.copyOf(userIds);
  }

  public int size() {
    return vectors.length;
  }
}
