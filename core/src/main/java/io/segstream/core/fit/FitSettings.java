package io.segstream.core.fit;

import io.segstream.core.kmeans.TrainingSettings;

/**
 * How {@link KMeansFitter} fits.
 *
 * @param training k (or auto range), seed, and for online fits the bootstrap size, batch size, decay and
 *     re-seeding, as the model updater uses them
 * @param online feed the rows in file order through the online model, as a stream would; otherwise batch
 *     k-means on all rows
 * @param restarts k-means++ restarts of every batch fit (the whole fit, or the online bootstrap); the best
 *     by inertia wins
 */
public record FitSettings(TrainingSettings training, boolean online, int restarts) {
  public static final int DEFAULT_RESTARTS = 10;

  public FitSettings {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be at least 1, was " + restarts);
    }
  }
}
