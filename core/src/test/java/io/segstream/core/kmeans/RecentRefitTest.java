package io.segstream.core.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentRefitTest {
  private static double[][] blobs(final int n, final double[][] centres, final SplittableRandom r) {
    final double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      final double[] c = centres[i % centres.length];
      out[i] = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        out[i][j] = c[j] + 0.5 * r.nextGaussian();
      }
    }
    return out;
  }

  private static final double[][] THREE = {{0, 0}, {10, 0}, {0, 10}};

  @Test
  void inTheRightBasinTheCentresAreOnlyPolishedAndKeepTheirPlaces() {
    final double[][] points = blobs(3000, THREE, new SplittableRandom(1));
    final double[][] off = {{1, 1}, {9, 1}, {1, 9}};
    final RecentRefit.Proposal p = RecentRefit.refit(points, off, 0.02, new SplittableRandom(2));
    assertThat(p.kind()).isEqualTo(RecentRefit.Kind.POLISH);
    assertThat(p.heirOf()).containsExactly(0, 1, 2);
    assertThat(p.after()).isLessThan(p.before());
    for (int c = 0; c < 3; c++) {
      assertThat(Math.sqrt(DistanceKernel.squared(p.centres()[c], THREE[c]))).isLessThan(0.1);
    }
  }

  @Test
  void fromAWorseOptimumARestartIsProposedAndIdsFollowTheGroups() {
    final double[][] points = blobs(3000, THREE, new SplittableRandom(3));
    // Centre 0 sits between blobs (0,0) and (0,10) and serves both; centres 1 and 2 split blob (10,0), centre 2
    // taking about three quarters of it. Lloyd from here stays with that structure: a local optimum.
    final double[][] stuck = {{0, 5}, {10, -1.5}, {10, 0.8}};
    final RecentRefit.Proposal p = RecentRefit.refit(points, stuck, 0.02, new SplittableRandom(4));
    assertThat(p.kind()).isEqualTo(RecentRefit.Kind.RESTART);
    assertThat(p.gain()).isGreaterThan(0.5);
    for (int c = 0; c < 3; c++) {
      final int blob = DistanceKernel.nearest(p.centres()[c], THREE);
      assertThat(Math.sqrt(DistanceKernel.squared(p.centres()[c], THREE[blob]))).isLessThan(0.2);
      // Blob (10,0)'s new centre mostly serves centre 2's points and takes all of them: it keeps centre 2's id.
      // Blobs (0,0) and (0,10) each have only half of centre 0's points: new groups, new ids.
      assertThat(p.heirOf()[c]).isEqualTo(blob == 1 ? 2 : -1);
    }
  }

  @Test
  void heirsNeedAMutualMajority() {
    // Old centre 0 serves A = {0, 0.1} and B = {5, 5.1}; old centre 1 serves C = {10, 10.1, 10.2}.
    final double[][] points = {{0}, {0.1}, {5}, {5.1}, {10}, {10.1}, {10.2}};
    final double[][] old = {{2.5}, {10}};
    // New centre 0 serves A only: half of old centre 0's points, not a majority. New centre 1 serves B and C: all of
    // old centre 1's points, which are 3 of its 5.
    final double[][] proposed = {{0.05}, {7.5}};
    assertThat(RecentRefit.heirs(points, old, proposed)).containsExactly(-1, 1);
  }
}
