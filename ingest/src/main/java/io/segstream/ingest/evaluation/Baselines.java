package io.segstream.ingest.evaluation;

import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.ingest.rfm.QuintileScores;
import io.segstream.ingest.rfm.RfmSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import smile.math.MathEx;

/**
 * The partitions a marketer could make without segstream, from the same customers at the same cutoff: what
 * the system has to beat to be worth running.
 */
public final class Baselines {
  /** k-means restarts (k-means++ seeding each), best inertia kept. */
  public static final int KMEANS_RESTARTS = 10;
  static final String NO_ORDERS = "No orders (only returns)";

  private Baselines() {}

  /** The classic RFM segments (quintile R and F scores on the usual grid); customers without an order apart. */
  public static Partition rfmSegments(final Holdout h) {
    final int[] r = recencyScores(h);
    final int[] f = QuintileScores.of(h.customers().stream().mapToDouble(HoldoutCustomer::orders).toArray(), true);
    final List<String> labels = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      labels.add(h.customers().get(i).orders() == 0 ? NO_ORDERS : RfmSegment.of(r[i], f[i]).label());
    }
    return Partition.ofLabels("RFM segments", labels);
  }

  /** Recency alone, in quintiles: the cheapest segmentation there is. */
  public static Partition recencyQuintile(final Holdout h) {
    final int[] r = recencyScores(h);
    final List<String> labels = new ArrayList<>();
    for (final int score : r) {
      labels.add("R=" + score);
    }
    return Partition.ofLabels("R quintile", labels);
  }

  /**
   * k-means (smile, k-means++ seeding, best of {@value #KMEANS_RESTARTS}) on log1p(recency days, orders, spend),
   * each standardised: the textbook clustering of RFM.
   */
  public static Partition logRfmKMeans(final Holdout h, final int k, final long seed) {
    final int n = h.customers().size();
    final double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      final HoldoutCustomer c = h.customers().get(i);
      x[i] = new double[] {Math.log1p(c.recencyDays()), Math.log1p(c.orders()), Math.log1p(c.spend())};
    }
    MathEx.standardize(x);
    for (final double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Double.isFinite(row[j]) ? row[j] : 0.0; // a column without spread carries no information
      }
    }
    final int[] groups = new int[n];
    final int clusters = Math.min(k, n);
    if (clusters > 1) {
      final double[][] centres = KMeansBootstrap.fit(x, clusters, seed, KMEANS_RESTARTS).centres();
      for (int i = 0; i < n; i++) {
        groups[i] = DistanceKernel.nearest(x[i], centres);
      }
    }
    return new Partition("k-means on log RFM", groups, numbered(Math.max(1, clusters)));
  }

  /** Customers dealt into k groups at random: the floor every other partition must clear. */
  public static Partition random(final Holdout h, final int k, final long seed) {
    final SplittableRandom rnd = new SplittableRandom(seed);
    final int[] groups = new int[h.customers().size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = rnd.nextInt(k);
    }
    return new Partition("random", groups, numbered(k));
  }

  private static int[] recencyScores(final Holdout h) {
    return QuintileScores.of(h.customers().stream().mapToDouble(HoldoutCustomer::recencyDays).toArray(), false);
  }

  private static List<String> numbered(final int k) {
    final List<String> out = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      out.add("group " + (g + 1));
    }
    return out;
  }
}
