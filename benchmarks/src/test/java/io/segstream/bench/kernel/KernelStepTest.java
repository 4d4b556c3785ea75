package io.segstream.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.core.kmeans.DistanceKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implementation must do exactly what the plain loops do on random data: the same labels and counts, the same
 * sums (bit for bit: each is the same element-wise additions in the same order), and distances and inertia within
 * 1e-9 relative (FMA, other summation orders and the GEMM expansion round differently). The proposed core change
 * (transposed, no FMA) must match the distances and the inertia bit for bit too.
 */
class KernelStepTest {
  private static final double REL = 1e-9;

  static List<Arguments> cases() {
    final List<Arguments> out = new ArrayList<>();
    for (final String impl : Kernels.NAMES) {
      if (impl.equals("plain")) {
        continue;
      }
      // The benchmark's shapes, the reference point, and awkward ones: d not a multiple of any vector length,
      // k below, between and above whole vectors, batches not a multiple of four, a single point, k = 1.
      for (final int[] s : new int[][] {{16, 8, 256}, {64, 32, 256}, {384, 8, 64}, {384, 32, 64}, {32, 16, 4096},
          {13, 5, 257}, {37, 9, 130}, {1, 3, 11}, {7, 1, 9}, {130, 17, 1}, {3, 33, 255}}) {
        out.add(Arguments.of(impl, s[0], s[1], s[2]));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} d={1} k={2} n={3}")
  @MethodSource("cases")
  void sameAsPlain(final String impl, final int d, final int k, final int n) {
    final KernelData data = KernelData.generate(n, k, d, 42L * d + k + n);
    try (KernelStep plain = new CoreStep(k, d, false); KernelStep other = Kernels.create(impl, k, d)) {
      // Two batches through the same instance: scratch space is reset between batches.
      for (int round = 0; round < 2; round++) {
        final double[][] centres = round == 0 ? data.centres() : shifted(data.centres(), round);
        final double expected = plain.step(data.points(), centres);
        final double actual = other.step(data.points(), centres);
        assertThat(actual).isCloseTo(expected, within(REL * Math.abs(expected)));
        for (int i = 0; i < n; i++) {
          assertThat(other.labels()[i]).as("label of point %d", i).isEqualTo(plain.labels()[i]);
          final double e = plain.squaredDistances()[i];
          assertThat(other.squaredDistances()[i]).as("distance of point %d", i).isCloseTo(e, within(REL * e + 1e-12));
        }
        assertThat(other.counts()).isEqualTo(plain.counts());
        final double[][] es = plain.sums();
        final double[][] as = other.sums();
        for (int c = 0; c < k; c++) {
          assertThat(as[c]).as("sums of centre %d", c).isEqualTo(es[c]);
        }
        if (impl.equals("proposed")) {
          assertThat(actual).isEqualTo(expected);
          for (int i = 0; i < n; i++) {
            assertThat(other.squaredDistances()[i]).isEqualTo(plain.squaredDistances()[i]);
          }
        }
      }
    }
  }

  /** The plain step is core's DistanceKernel plus MiniBatchKMeans' sums loop: check it against core directly. */
  @Test
  void plainIsCore() {
    final KernelData data = KernelData.generate(1000, 7, 19, 7L);
    final int[] labels = new int[1000];
    final double[] sq = new double[1000];
    final double total = DistanceKernel.assign(data.points(), data.centres(), labels, sq);
    try (KernelStep plain = new CoreStep(7, 19, false)) {
      assertThat(plain.step(data.points(), data.centres())).isEqualTo(total);
      assertThat(plain.labels()).isEqualTo(labels);
      assertThat(plain.squaredDistances()).isEqualTo(sq);
      final int[] counts = new int[7];
      for (final int l : labels) {
        counts[l]++;
      }
      assertThat(plain.counts()).isEqualTo(counts);
    }
  }

  /** Ties go to the lowest centre index everywhere, as in the plain loop (duplicated centres tie exactly). */
  @ParameterizedTest
  @MethodSource("names")
  void tiesGoToTheLowestIndex(final String impl) {
    final int d = 24;
    final SplittableRandom r = new SplittableRandom(3);
    final double[][] centres = new double[20][d];
    for (int c = 0; c < 10; c++) {
      for (int j = 0; j < d; j++) {
        centres[c][j] = r.nextInt(-3, 4);
      }
      centres[c + 10] = centres[c].clone(); // same centre twice: exact tie, must pick c, not c + 10
    }
    final double[][] points = new double[50][];
    for (int i = 0; i < points.length; i++) {
      points[i] = centres[r.nextInt(20)].clone();
    }
    try (KernelStep plain = new CoreStep(20, d, false); KernelStep other = Kernels.create(impl, 20, d)) {
      plain.step(points, centres);
      other.step(points, centres);
      assertThat(other.labels()).isEqualTo(plain.labels());
      for (int i = 0; i < points.length; i++) {
        assertThat(other.labels()[i]).isLessThan(10);
      }
    }
  }

  static List<String> names() {
    return Kernels.NAMES;
  }

  private static double[][] shifted(final double[][] centres, final int by) {
    final double[][] out = new double[centres.length][];
    for (int c = 0; c < centres.length; c++) {
      out[c] = centres[c].clone();
      for (int j = 0; j < out[c].length; j++) {
        out[c][j] += 0.25 * by * ((c + j) % 3 - 1);
      }
    }
    return out;
  }
}
