package io.segstream.core.fit;

/** What a long fit reports while it runs; every callback is optional. */
public interface FitProgress {
  FitProgress NONE = new FitProgress() {};

  /** {@code rows} read so far, making up {@code share} (0..1) of the file. */
  default void reading(final long rows, final double share) {}

  /** A step of the batch fit, e.g. "k=4: 10 k-means++ restarts". */
  default void fitting(final String step) {}

  /** Online mini-batches trained so far, of {@code total}. */
  default void training(final long batches, final long total) {}
}
