package io.segstream.core.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mini-batch updates are damped Lloyd steps: each batch moves a centre only a few percent of the way to the mean
 * of its points (1 - decay, at steady weight), and a point stays counted where it was assigned when it arrived.
 * So when the population restructures (on the generator's personas: newcomers arriving as a group of their own)
 * the online centres creep for hundreds of batches towards an optimum that a handful of Lloyd iterations on the
 * recent points reaches, and they never leave the basin of attraction they started in. A refit on the most recent
 * points fixes both:
 *
 * <ul>
 *   <li><b>polish</b>: up to {@value #MAX_ITERATIONS} Lloyd iterations from the current centres on the recent points;
 *       the centres keep their ids (they are the same centres, moved);</li>
 *   <li><b>restart</b>: k-means++ seeding and Lloyd ({@value #RESTARTS} restarts on a sample of
 *       {@value #SUBSAMPLE} recent points, the best scored on all of them) looks for a better local optimum; it
 *       replaces the polished centres only if it lowers the recent points' inertia by more than {@code minGain}, so
 *       two near-equivalent optima never alternate. Ids follow groups of users, not positions: a new centre
 *       inherits an old centre's id when most of the old centre's recent points go to it and most of its points
 *       came from the old centre (mutual majority, so at most one heir per centre); every other new centre gets a
 *       new id.</li>
 * </ul>
 *
 * <p>Its own small k-means++ and Lloyd loops rather than smile's: it runs inside the training loop and must cost
 * milliseconds, not the second smile's full fit can take on ten thousand points.
 */
final class RecentRefit {
  static final int MAX_ITERATIONS = 10;
  static final int RESTARTS = 3;
  static final int SUBSAMPLE = 2_000;

  enum Kind { POLISH, RESTART }

  /**
   * @param heirOf for each proposed centre, the index of the current centre whose id it keeps, or -1 for a new id
   * @param sizes recent points nearest to each proposed centre
   * @param before the current centres' inertia on the recent points
   * @param after the proposed centres' inertia on the recent points
   */
  record Proposal(Kind kind, double[][] centres, int[] heirOf, int[] sizes, double before, double after) {
    double gain() {
      return before > 0 ? 1.0 - after / before : 0.0;
    }
  }

  private RecentRefit() {}

  static Proposal refit(final double[][] points, final double[][] current, final double minGain,
      final SplittableRandom random) {
    final int k = current.length;
    final Lloyd polished = Lloyd.from(points, current, MAX_ITERATIONS);
    if (k >= 2 && points.length > 2 * k) {
      final double[][] sample = sample(points, SUBSAMPLE, random);
      double[][] best = null;
      double bestInertia = Double.POSITIVE_INFINITY;
      for (int r = 0; r < RESTARTS; r++) {
        final double[][] candidate = Lloyd.from(sample, plusPlus(sample, k, random), MAX_ITERATIONS).centres;
        final double inertia = Lloyd.inertia(points, candidate);
        if (inertia < bestInertia) {
          bestInertia = inertia;
          best = candidate;
        }
      }
      if (bestInertia < (1.0 - minGain) * polished.inertia) {
        return new Proposal(Kind.RESTART, best, heirs(points, current, best), sizes(points, best),
            polished.initialInertia, bestInertia);
      }
    }
    final int[] same = new int[k];
    Arrays.setAll(same, c -> c);
    return new Proposal(Kind.POLISH, polished.centres, same, polished.sizes, polished.initialInertia,
        polished.inertia);
  }

  /** k-means++ seeding: each next centre drawn with probability proportional to squared distance. */
  static double[][] plusPlus(final double[][] points, final int k, final SplittableRandom random) {
    final double[][] centres = new double[k][];
    centres[0] = points[random.nextInt(points.length)].clone();
    final double[] d2 = new double[points.length];
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < points.length; i++) {
        d2[i] = Math.min(d2[i], DistanceKernel.squared(points[i], centres[c - 1]));
        total += d2[i];
      }
      int pick = random.nextInt(points.length);
      if (total > 0) {
        double u = random.nextDouble() * total;
        for (int i = 0; i < points.length; i++) {
          u -= d2[i];
          if (u <= 0) {
            pick = i;
            break;
          }
        }
      }
      centres[c] = points[pick].clone();
    }
    return centres;
  }

  /** Mutual-majority matching of proposed centres to current ones by the points they serve. */
  static int[] heirs(final double[][] points, final double[][] current, final double[][] proposed) {
    final int[][] shared = new int[current.length][proposed.length];
    final int[] oldSizes = new int[current.length];
    final int[] newSizes = new int[proposed.length];
    for (final double[] x : points) {
      final int o = DistanceKernel.nearest(x, current);
      final int n = DistanceKernel.nearest(x, proposed);
      shared[o][n]++;
      oldSizes[o]++;
      newSizes[n]++;
    }
    final int[] heirOf = new int[proposed.length];
    Arrays.fill(heirOf, -1);
    for (int n = 0; n < proposed.length; n++) {
      for (int o = 0; o < current.length; o++) {
        if (2 * shared[o][n] > oldSizes[o] && 2 * shared[o][n] > newSizes[n]) {
          heirOf[n] = o;
        }
      }
    }
    return heirOf;
  }

  private static int[] sizes(final double[][] points, final double[][] centres) {
    final int[] sizes = new int[centres.length];
    for (final double[] x : points) {
      sizes[DistanceKernel.nearest(x, centres)]++;
    }
    return sizes;
  }

  private static double[][] sample(final double[][] points, final int max, final SplittableRandom random) {
    if (points.length <= max) {
      return points;
    }
    final double[][] out = new double[max][];
    for (int i = 0; i < max; i++) {
      out[i] = points[random.nextInt(points.length)];
    }
    return out;
  }

  /** Lloyd's algorithm from given centres, for at most a number of iterations. */
  static final class Lloyd {
    final double[][] centres;
    final int[] sizes;
    final double initialInertia;
    final double inertia;

    private Lloyd(final double[][] centres, final int[] sizes, final double initialInertia, final double inertia) {
      this.centres = centres;
      this.sizes = sizes;
      this.initialInertia = initialInertia;
      this.inertia = inertia;
    }

    /** {@code start} is not modified; an empty centre stays where it is, as in the online model. */
    static Lloyd from(final double[][] points, final double[][] start, final int maxIterations) {
      final int k = start.length;
      final int d = start[0].length;
      final double[][] centres = new double[k][];
      for (int c = 0; c < k; c++) {
        centres[c] = start[c].clone();
      }
      final int[] labels = new int[points.length];
      final int[] previous = new int[points.length];
      final double[] sq = new double[points.length];
      final int[] counts = new int[k];
      double inertia = DistanceKernel.assign(points, centres, labels, sq);
      final double initial = inertia;
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        final double[][] sums = new double[k][d];
        Arrays.fill(counts, 0);
        for (int i = 0; i < points.length; i++) {
          counts[labels[i]]++;
          final double[] s = sums[labels[i]];
          for (int j = 0; j < d; j++) {
            s[j] += points[i][j];
          }
        }
        for (int c = 0; c < k; c++) {
          if (counts[c] > 0) {
            for (int j = 0; j < d; j++) {
              centres[c][j] = sums[c][j] / counts[c];
            }
          }
        }
        System.arraycopy(labels, 0, previous, 0, labels.length);
        inertia = DistanceKernel.assign(points, centres, labels, sq);
        if (Arrays.equals(previous, labels)) {
          break;
        }
      }
      final int[] sizes = new int[k];
      for (final int l : labels) {
        sizes[l]++;
      }
      return new Lloyd(centres, sizes, initial, inertia);
    }

    static double inertia(final double[][] points, final double[][] centres) {
      double total = 0;
      for (final double[] p : points) {
        total += DistanceKernel.squared(p, centres[DistanceKernel.nearest(p, centres)]);
      }
      return total;
    }
  }
}
