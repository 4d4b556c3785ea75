package io.segstream.bench.kernel;

/**
 * The work of one mini-batch k-means step, minus the O(k·d) centre update: assign each point of the batch to its
 * nearest centre (squared Euclidean, the lowest index wins a tie) and accumulate per-centre sums and counts.
 *
 * <p>An implementation owns its scratch space (sized for k centres of dimension d) and reuses it from batch to batch;
 * the outputs of the latest {@link #step} stay readable until the next one. Not thread-safe.
 */
public interface KernelStep extends AutoCloseable {
  /**
   * One batch.
   *
   * @param batch n points of dimension d
   * @param centres k centres of dimension d (may change between calls)
   * @return the batch's inertia: the sum of each point's squared distance to its centre
   */
  double step(double[][] batch, double[][] centres);

  /** Nearest centre per point of the latest batch (the first n entries count). */
  int[] labels();

  /** Squared distance of each point of the latest batch to its centre (the first n entries count). */
  double[] squaredDistances();

  /** Points per centre in the latest batch. */
  int[] counts();

  /** Per-centre sums of the latest batch's points, as k rows of d (a copy: for checks, not for the hot path). */
  double[][] sums();

  @Override
  default void close() {}
}
