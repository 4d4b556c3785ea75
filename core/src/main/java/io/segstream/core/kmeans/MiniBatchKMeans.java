package io.segstream.core.kmeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Online k-means (Sculley's mini-batch k-means with per-centre counts) plus forgetting, with the
 * semantics of Spark MLlib's StreamingKMeans: for each batch, every centre c with weight n that
 * receives m points with mean x̄ becomes (c·n·a + x̄·m) / (n·a + m) and its weight n·a + m, where
 * a is the decay factor (per batch, or raised to the batch size for per-point decay). With a = 1 a
 * centre is the mean of everything it ever absorbed; with a = 0 it is the mean of the latest batch.
 *
 * <p>Centres carry segment ids that stay with them for life. A centre whose weight falls below a share
 * of the total is starving (it serves almost nobody); it is re-seeded at a badly served point of the
 * batch, chosen with probability proportional to squared distance as k-means++ does, under a new id.
 *
 * <p>While the model forgets (decay below 1), every {@code refitIntervalBatches} batches a {@link RecentRefit} on
 * the most recent points (as many as the decay remembers: batch size / (1 - decay per batch), at most
 * {@value #MAX_RECENT}) polishes the centres with a few Lloyd iterations, or adopts a clearly better optimum found by
 * k-means++ restarts: mini-batch steps alone take hundreds of batches to follow a restructured population and never
 * leave the basin the bootstrap started in. A refit keeps the total weight and shares it by the recent points each
 * centre serves. Between refits the update above is exactly Spark's; a refit re-summarises the recent points. With
 * decay 1, a single centre, or {@code refitIntervalBatches} 0 there is no refit, and Spark's semantics hold throughout
 * (a centre is then exactly the decayed mean of everything it absorbed).
 *
 * <p>All points are in standardised space. Not thread-safe: one trainer owns it.
 */
public final class MiniBatchKMeans {
  /** The most recent points a refit looks at, whatever the decay: bounds its cost to a few milliseconds. */
  public static final int MAX_RECENT = 16_384;

  /** What the refit of a batch did, if it ran. */
  public enum Refit { NONE, POLISH, RESTART }

  private final double[][] centres;
  private final double[] weights;
  private final int[] ids;
  private final TrainingSettings settings;
  private final SplittableRandom random;
  private final RecentPoints recent;
  private int nextId;
  private long trained;
  private double inertia = Double.NaN;
  private int batchesSinceCheck;

  /**
   * Result of one batch: what moved, what was re-seeded, how well the batch was served.
   *
   * @param retiredIds ids of centres re-seeded or replaced by a restart in this batch
   * @param refitGain share of the recent points' inertia the refit saved (0 without one)
   */
  public record BatchResult(int points, double meanSquaredDistance, int[] pointsPerCentre, double[] movement,
      List<Integer> retiredIds, List<Integer> newIds, Refit refit, double refitGain) {
    /** Whether a refit replaced the centres with a different local optimum (new ids for new groups). */
    public boolean restarted() {
      return refit == Refit.RESTART;
    }
  }

  public MiniBatchKMeans(final double[][] centres, final double[] weights, final int[] ids, final int nextId,
      final long trained, final TrainingSettings settings) {
    if (centres.length == 0 || centres.length != weights.length || centres.length != ids.length) {
      throw new IllegalArgumentException("need as many weights and ids as centres (and at least one centre)");
    }
    this.centres = new double[centres.length][];
    for (int i = 0; i < centres.length; i++) {
      this.centres[i] = centres[i].clone();
    }
    this.weights = weights.clone();
    this.ids = ids.clone();
    this.nextId = Math.max(nextId, Arrays.stream(ids).max().orElse(-1) + 1);
    this.trained = trained;
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed() ^ trained);
    this.recent = new RecentPoints(recentCapacity(settings));
  }

  /**
   * Points a refit looks at: as many as the decay remembers, batch size / (1 - decay per batch), capped at
   * {@value #MAX_RECENT}; 1 when there are no refits.
   */
  public static int recentCapacity(final TrainingSettings s) {
    final double perBatch = s.timeUnit() == TrainingSettings.TimeUnit.POINTS
        ? Math.pow(s.decayFactor(), s.batchSize()) : s.decayFactor();
    if (perBatch >= 1.0 || s.refitIntervalBatches() == 0) {
      return 1; // no refits: nothing to remember
    }
    return (int) Math.min(MAX_RECENT, Math.max(s.batchSize(), Math.round(s.batchSize() / (1.0 - perBatch))));
  }

  /** Fresh centres (e.g. from k-means++) with the given initial weights and ids starting at firstId. */
  public static MiniBatchKMeans seeded(final double[][] centres, final double[] weights, final int firstId,
      final TrainingSettings settings) {
    final int[] ids = new int[centres.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = firstId + i;
    }
    long total = 0;
    for (final double w : weights) {
      total += (long) w;
    }
    return new MiniBatchKMeans(centres, weights, ids, firstId + centres.length, total, settings);
  }

  public BatchResult update(final double[][] batch) {
    final int k = centres.length;
    final int d = centres[0].length;
    final int n = batch.length;
    final double[][] before = new double[k][];
    for (int c = 0; c < k; c++) {
      before[c] = centres[c].clone();
    }
    if (n == 0) {
      // As in Spark: time passes for an empty batch too (per-batch decay), so old data keeps fading.
      if (settings.timeUnit() == TrainingSettings.TimeUnit.BATCHES) {
        for (int c = 0; c < k; c++) {
          weights[c] *= settings.decayFactor();
        }
      }
      return new BatchResult(0, Double.NaN, new int[k], new double[k], List.of(), List.of(), Refit.NONE, 0.0);
    }
    final int[] labels = new int[n];
    final double[] sq = new double[n];
    final double total = DistanceKernel.assign(batch, centres, labels, sq);

    final double[][] sums = new double[k][d];
    final int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      final int c = labels[i];
      counts[c]++;
      final double[] x = batch[i];
      final double[] s = sums[c];
      for (int j = 0; j < d; j++) {
        s[j] += x[j];
      }
    }
    final double discount = settings.timeUnit() == TrainingSettings.TimeUnit.POINTS
        ? Math.pow(settings.decayFactor(), n)
        : settings.decayFactor();
    for (int c = 0; c < k; c++) {
      final double kept = weights[c] * discount;
      final double updated = kept + counts[c];
      if (counts[c] > 0) {
        final double[] centre = centres[c];
        final double[] s = sums[c];
        for (int j = 0; j < d; j++) {
          centre[j] = (centre[j] * kept + s[j]) / updated;
        }
      }
      weights[c] = updated;
    }
    trained += n;
    final double batchInertia = total / n;
    inertia = Double.isNaN(inertia) ? batchInertia : 0.9 * inertia + 0.1 * batchInertia;

    final List<Integer> retired = new ArrayList<>();
    final List<Integer> born = new ArrayList<>();
    reseedStarving(batch, labels, sq, retired, born);
    final RecentRefit.Proposal refit = refit(batch, retired, born);

    final double[] movement = new double[k];
    for (int c = 0; c < k; c++) {
      movement[c] = Math.sqrt(DistanceKernel.squared(before[c], centres[c]));
    }
    return new BatchResult(n, batchInertia, counts, movement, List.copyOf(retired), List.copyOf(born),
        refit == null ? Refit.NONE : Refit.valueOf(refit.kind().name()), refit == null ? 0.0 : refit.gain());
  }

  /** @return the refit adopted in this batch, or null if none was due */
  private RecentRefit.Proposal refit(final double[][] batch, final List<Integer> retired, final List<Integer> born) {
    if (settings.refitIntervalBatches() == 0 || recent.capacity() <= 1 || centres.length < 2) {
      return null; // a single centre is exactly the decayed mean: there is no better optimum to find
    }
    recent.addAll(batch);
    if (++batchesSinceCheck < settings.refitIntervalBatches() || !recent.full()) {
      return null;
    }
    batchesSinceCheck = 0;
    final RecentRefit.Proposal proposal = RecentRefit.refit(recent.points(), centres, settings.refitMinGain(), random);
    adopt(proposal, retired, born);
    return proposal;
  }

  /** Heirs take their predecessor's slot and id; new centres take the slots left and new ids. */
  private void adopt(final RecentRefit.Proposal p, final List<Integer> retired, final List<Integer> born) {
    final int k = centres.length;
    double totalWeight = 0;
    for (final double w : weights) {
      totalWeight += w;
    }
    int served = 0;
    for (final int s : p.sizes()) {
      served += s;
    }
    // The new centres carry the model's weight in proportion to the recent points they serve, so they learn
    // at the pace the old ones did; never so little that they count as starving at once.
    final double floor = 2 * settings.reseedMinShare() * totalWeight;
    final boolean[] slotTaken = new boolean[k];
    final int[] slotOf = new int[k];
    for (int j = 0; j < k; j++) {
      slotOf[j] = p.heirOf()[j];
      if (slotOf[j] >= 0) {
        slotTaken[slotOf[j]] = true;
      }
    }
    int free = 0;
    for (int j = 0; j < k; j++) {
      if (slotOf[j] < 0) {
        while (slotTaken[free]) {
          free++;
        }
        slotTaken[free] = true;
        slotOf[j] = free;
        retired.add(ids[free]);
        ids[free] = nextId++;
        born.add(ids[free]);
      }
      centres[slotOf[j]] = p.centres()[j].clone();
      weights[slotOf[j]] = Math.max(floor, totalWeight * p.sizes()[j] / Math.max(1, served));
    }
  }

  private void reseedStarving(final double[][] batch, final int[] labels, final double[] sq, final List<Integer> retired,
      final List<Integer> born) {
    double totalWeight = 0;
    for (final double w : weights) {
      totalWeight += w;
    }
    if (totalWeight <= 0 || settings.reseedMinShare() <= 0) {
      return;
    }
    final double threshold = settings.reseedMinShare() * totalWeight;
    for (int c = 0; c < centres.length; c++) {
      if (weights[c] >= threshold) {
        continue;
      }
      final int pick = badlyServedPoint(sq);
      if (pick < 0) {
        return;
      }
      retired.add(ids[c]);
      centres[c] = batch[pick].clone();
      // Enough weight not to be starving again at once, little enough to follow the data it now serves.
      weights[c] = 2 * threshold;
      ids[c] = nextId++;
      born.add(ids[c]);
      sq[pick] = 0; // don't pick the same point twice
      labels[pick] = c;
    }
  }

  /** A point drawn with probability proportional to its squared distance (k-means++ style), or -1. */
  private int badlyServedPoint(final double[] sq) {
    double sum = 0;
    for (final double v : sq) {
      sum += v;
    }
    if (sum <= 0) {
      return -1;
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < sq.length; i++) {
      r -= sq[i];
      if (r <= 0) {
        return i;
      }
    }
    return sq.length - 1;
  }

  public int k() {
    return centres.length;
  }

  /** Copies of the current centres. */
  public double[][] centres() {
    final double[][] out = new double[centres.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = centres[i].clone();
    }
    return out;
  }

  public double[] weights() {
    return weights.clone();
  }

  public int[] ids() {
    return ids.clone();
  }

  public int nextId() {
    return nextId;
  }

  public long trained() {
    return trained;
  }

  /** Smoothed mean squared distance of recent points to their centre; NaN before the first batch. */
  public double inertia() {
    return inertia;
  }

  /**
   * Re-expresses every centre in another standardisation (from → to), e.g. when the model's scaler is
   * refreshed: the centres stay where they are in feature space.
   */
  public void rescale(final io.segstream.core.model.Scaler from, final io.segstream.core.model.Scaler to) {
    for (int c = 0; c < centres.length; c++) {
      centres[c] = to.transform(from.inverse(centres[c]));
    }
    recent.map(x -> to.transform(from.inverse(x)));
  }

  public int predict(final double[] z) {
    return DistanceKernel.nearest(z, centres);
  }
}
