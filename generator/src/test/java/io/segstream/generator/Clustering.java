package io.segstream.generator;

import java.util.Arrays;
import java.util.Random;

/** Just enough clustering maths for tests to check that personas are recoverable from behaviour. */
final class Clustering {
  private Clustering() {}

  /** Z-scores each column in place. */
  static void standardise(final double[][] x) {
    final int d = x[0].length;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (final double[] row : x) {
        mean += row[j];
      }
      mean /= x.length;
      double var = 0;
      for (final double[] row : x) {
        var += (row[j] - mean) * (row[j] - mean);
      }
      final double sd = Math.sqrt(var / x.length);
      for (final double[] row : x) {
        row[j] = sd > 0 ? (row[j] - mean) / sd : 0;
      }
    }
  }

  /** Best of a few k-means++ runs (Lloyd iterations), by inertia. */
  static int[] kMeans(final double[][] x, final int k, final long seed) {
    final Random rng = new Random(seed);
    int[] best = null;
    double bestInertia = Double.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      final double[][] centres = seedPlusPlus(x, k, rng);
      final int[] assign = new int[x.length];
      double inertia = 0;
      for (int iter = 0; iter < 50; iter++) {
        inertia = 0;
        boolean changed = false;
        for (int i = 0; i < x.length; i++) {
          int arg = 0;
          double min = Double.MAX_VALUE;
          for (int c = 0; c < k; c++) {
            final double dist = dist2(x[i], centres[c]);
            if (dist < min) {
              min = dist;
              arg = c;
            }
          }
          changed |= assign[i] != arg;
          assign[i] = arg;
          inertia += min;
        }
        if (!changed && iter > 0) {
          break;
        }
        for (final double[] c : centres) {
          Arrays.fill(c, 0);
        }
        final int[] n = new int[k];
        for (int i = 0; i < x.length; i++) {
          n[assign[i]]++;
          for (int j = 0; j < x[i].length; j++) {
            centres[assign[i]][j] += x[i][j];
          }
        }
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < centres[c].length; j++) {
            centres[c][j] = n[c] > 0 ? centres[c][j] / n[c] : x[rng.nextInt(x.length)][j];
          }
        }
      }
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = assign.clone();
      }
    }
    return best;
  }

  private static double[][] seedPlusPlus(final double[][] x, final int k, final Random rng) {
    final double[][] centres = new double[k][];
    centres[0] = x[rng.nextInt(x.length)].clone();
    final double[] d2 = new double[x.length];
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < x.length; i++) {
        double min = Double.MAX_VALUE;
        for (int j = 0; j < c; j++) {
          min = Math.min(min, dist2(x[i], centres[j]));
        }
        d2[i] = min;
        total += min;
      }
      double u = rng.nextDouble() * total;
      int pick = 0;
      while (pick < x.length - 1 && (u -= d2[pick]) > 0) {
        pick++;
      }
      centres[c] = x[pick].clone();
    }
    return centres;
  }

  static double dist2(final double[] a, final double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }

  /** Adjusted Rand index of two labelings. */
  static double adjustedRand(final int[] a, final int[] b) {
    final int ka = Arrays.stream(a).max().orElse(0) + 1;
    final int kb = Arrays.stream(b).max().orElse(0) + 1;
    final long[][] table = new long[ka][kb];
    for (int i = 0; i < a.length; i++) {
      table[a[i]][b[i]]++;
    }
    double index = 0;
    final double[] rows = new double[ka];
    final double[] cols = new double[kb];
    for (int i = 0; i < ka; i++) {
      for (int j = 0; j < kb; j++) {
        index += pairs(table[i][j]);
        rows[i] += table[i][j];
        cols[j] += table[i][j];
      }
    }
    final double sumRows = Arrays.stream(rows).map(Clustering::pairs).sum();
    final double sumCols = Arrays.stream(cols).map(Clustering::pairs).sum();
    final double expected = sumRows * sumCols / pairs(a.length);
    final double max = (sumRows + sumCols) / 2;
    return (index - expected) / (max - expected);
  }

  private static double pairs(final double n) {
    return n * (n - 1) / 2;
  }
}
