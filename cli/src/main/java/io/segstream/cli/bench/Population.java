package io.segstream.cli.bench;

import java.util.List;

/**
 * Every user's clustering vector at one moment, with the generator's persona at that moment (its ordinal).
 *
 * @param vectors transformed, not standardised: what the streams app would send the updater
 */
record Population(long at, List<String> userIds, double[][] vectors, int[] truth) {
  Population {
    userIds = List.copyOf(userIds);
  }

  int size() {
    return vectors.length;
  }
}
