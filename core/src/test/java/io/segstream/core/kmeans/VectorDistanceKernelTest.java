package io.segstream.core.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API path of DistanceKernel.assign gives bit for bit the scalar loop's labels, distances and inertia. */
class VectorDistanceKernelTest {
  @Test
  void coreTestsRunTheVectorPath() {
    // core's surefire adds --add-modules jdk.incubator.vector; on a CPU without 4-double vectors the path is off.
    assertThat(DistanceKernel.VECTORISED).isEqualTo(VectorDistanceKernel.worthwhile());
  }

  @Test
  void sameAsTheScalarLoopBitForBit() {
    final SplittableRandom r = new SplittableRandom(11);
    final int[][] shapes = {{16, 8, 256}, {64, 32, 512}, {384, 8, 64}, {20, 5, 512}, {32, 16, 4096}, {13, 5, 257},
        {37, 9, 130}, {1, 3, 11}, {7, 1, 9}, {130, 17, 8}, {3, 33, 255}, {2, 2, 1000}};
    for (final int[] s : shapes) {
      final int d = s[0];
      final int k = s[1];
      final int n = s[2];
      final double[][] centres = new double[k][d];
      for (final double[] c : centres) {
        for (int j = 0; j < d; j++) {
          c[j] = r.nextGaussian();
        }
      }
      final double[][] points = new double[n][d];
      for (final double[] x : points) {
        final double[] c = centres[r.nextInt(k)];
        for (int j = 0; j < d; j++) {
          x[j] = c[j] + r.nextGaussian();
        }
      }
      // Exact ties: a point on a centre that appears twice goes to the first copy.
      if (k > 2 && n > 0) {
        centres[k - 1] = centres[0].clone();
        points[0] = centres[0].clone();
      }
      final int[] labels = new int[n];
      final double[] sq = new double[n];
      final int[] expectedLabels = new int[n];
      final double[] expectedSq = new double[n];
      final double total = VectorDistanceKernel.assign(points, centres, labels, sq);
      final double expected = DistanceKernel.assignScalar(points, centres, expectedLabels, expectedSq);
      assertThat(labels).as("labels d=%d k=%d n=%d", d, k, n).isEqualTo(expectedLabels);
      assertThat(sq).as("distances d=%d k=%d n=%d", d, k, n).isEqualTo(expectedSq);
      assertThat(total).as("inertia d=%d k=%d n=%d", d, k, n).isEqualTo(expected);
      assertThat(DistanceKernel.assign(points, centres, new int[n], new double[n])).isEqualTo(expected);
    }
  }
}
