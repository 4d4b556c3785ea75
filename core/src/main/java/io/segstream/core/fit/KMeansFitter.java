package io.segstream.core.fit;

import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.MiniBatchKMeans;
import io.segstream.core.kmeans.Silhouette;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Scaler;
import io.segstream.core.naming.SegmentNamer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fits a segmentation to a table of vectors, without Kafka: what {@code segstream fit} and the quality
 * benchmark run.
 *
 * <p>Batch: k-means++ (smile), best of {@code restarts} by inertia, on all rows; segment ids 0..k-1 by
 * decreasing size. Online: the rows in table order are what the model updater would see as a stream: the first
 * {@code bootstrapVectors} rows seed k-means++ (best of {@code restarts}), the rest train a {@link MiniBatchKMeans}
 * in mini-batches of {@code batchSize} with the configured decay, re-seeding and refits; segment ids are the
 * online model's. Either way every row is then assigned to its nearest centre.
 *
 * <p>Both modes standardise with one {@link Standardisation} fitted on all rows (the file is known in full, so
 * the online mode differs from the batch one only in how the centres learn).
 */
public final class KMeansFitter {
  public static final int SILHOUETTE_SAMPLE = 2_000;

  private final List<String> modelFeatures;
  private final SegmentNamer namer;

  /**
   * @param modelFeatures segstream's clustering feature names: tables with exactly these columns are
   *     standardised as the running model does
   */
  public KMeansFitter(final List<String> modelFeatures, final SegmentNamer namer) {
    this.modelFeatures = List.copyOf(modelFeatures);
    this.namer = namer;
  }

  /** The fewest rows a fit with these settings needs: more than k (more than k-min for k=auto), online in the bootstrap. */
  public static int minimumRows(final FitSettings s) {
    return (s.training().autoK() ? s.training().kMin() : s.training().k()) + 1;
  }

  /** @throws IllegalArgumentException if the table has fewer than {@link #minimumRows} rows (in the bootstrap, online) */
  public FitResult fit(final VectorTable table, final FitSettings s, final FitProgress progress) {
    final TrainingSettings t = s.training();
    final int bootstrapRows = s.online() ? Math.min(t.bootstrapVectors(), table.size()) : table.size();
    if (bootstrapRows < minimumRows(s)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs at least %d rows%s, the table has %d",
          t.autoK() ? "k=auto from " + t.kMin() : "k=" + t.k(), minimumRows(s),
          s.online() ? " in the bootstrap" : "", bootstrapRows));
    }
    final Standardisation standardisation = Standardisation.of(table, modelFeatures);
    final double[][] z = standardisation.scaler().transformAll(table.rows());

    final double[][] seedRows = bootstrapRows == z.length ? z : Arrays.copyOf(z, bootstrapRows);
    final KMeansBootstrap.Fit boot;
    if (t.autoK()) {
      boot = KMeansBootstrap.fitAuto(seedRows, t.kMin(), t.kMax(), t.seed(), s.restarts(),
          k -> progress.fitting(String.format(Locale.ROOT, "k=%d: %d k-means++ restarts on %,d rows", k, s.restarts(),
              seedRows.length)));
    } else {
      progress.fitting(String.format(Locale.ROOT, "k=%d: %d k-means++ restarts on %,d rows", t.k(), s.restarts(),
          seedRows.length));
      boot = KMeansBootstrap.fit(seedRows, t.k(), t.seed(), s.restarts());
    }

    final double[][] centres;
    final int[] ids;
    final double[] weights;
    final FitResult.Training training;
    if (s.online()) {
      final MiniBatchKMeans km = MiniBatchKMeans.seeded(boot.centres(),
          Arrays.stream(boot.sizes()).asDoubleStream().toArray(), 0, t);
      final long total = (z.length - bootstrapRows + t.batchSize() - 1) / t.batchSize();
      long batches = 0;
      int polishes = 0;
      int restarts = 0;
      int reseeds = 0;
      for (int from = bootstrapRows; from < z.length; from += t.batchSize()) {
        final MiniBatchKMeans.BatchResult r = km.update(Arrays.copyOfRange(z, from, Math.min(z.length, from + t.batchSize())));
        if (r.restarted()) {
          restarts++;
        } else {
          reseeds += r.newIds().size();
        }
        if (r.refit() == MiniBatchKMeans.Refit.POLISH) {
          polishes++;
        }
        progress.training(++batches, total);
      }
      centres = km.centres();
      ids = km.ids();
      weights = km.weights();
      training = new FitResult.Training("online", bootstrapRows, batches, t.batchSize(), t.decayFactor(),
          t.timeUnit().name().toLowerCase(Locale.ROOT), s.restarts(), polishes, restarts, reseeds, t.seed());
    } else {
      // Ids by decreasing size: segment 0 is the largest, which makes a batch model easy to read.
      final Integer[] order = IntStream.range(0, boot.k()).boxed()
          .sorted(Comparator.comparingInt((Integer c) -> boot.sizes()[c]).reversed()).toArray(Integer[]::new);
      centres = new double[boot.k()][];
      ids = new int[boot.k()];
      weights = new double[boot.k()];
      for (int i = 0; i < order.length; i++) {
        centres[i] = boot.centres()[order[i]];
        ids[i] = i;
        weights[i] = boot.sizes()[order[i]];
      }
      training = new FitResult.Training("batch", bootstrapRows, 0, 0, 1.0, "batches", s.restarts(), 0, 0, 0, t.seed());
    }
    return result(table, standardisation, z, centres, ids, weights, boot.silhouetteByK(), training);
  }

  private FitResult result(final VectorTable table, final Standardisation standardisation, final double[][] z,
      final double[][] centres, final int[] ids, final double[] weights, final Map<Integer, Double> silhouetteByK,
      final FitResult.Training training) {
    final int k = centres.length;
    final int[] nearest = new int[z.length];
    final double[] sq = new double[z.length];
    final double inertia = DistanceKernel.assign(z, centres, nearest, sq);
    final long[] sizes = new long[k];
    final int[] assignments = new int[z.length];
    for (int i = 0; i < z.length; i++) {
      sizes[nearest[i]]++;
      assignments[i] = ids[nearest[i]];
    }
    final double silhouette = Silhouette.ofNearestCentre(z, centres, SILHOUETTE_SAMPLE, training.seed());
    final Scaler scaler = standardisation.scaler();
    final List<SegmentNamer.Name> names = namer.name(table.columns(), scaler, centres, List.of());
    final List<FittedSegment> segments = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      segments.add(new FittedSegment(ids[c], names.get(c).label(), names.get(c).description(),
          scaler.inverse(centres[c]), centres[c], sizes[c], weights[c]));
    }
    return new FitResult(table.columns(), standardisation, segments, assignments, inertia, silhouette,
        Math.min(SILHOUETTE_SAMPLE, z.length), silhouetteByK, training);
  }
}
