package io.segstream.updater;

import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.RunningMoments;
import io.segstream.core.model.Scaler;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw vectors a new generation collects before its first fit: the scaler and the first centres are fitted on
 * them all at once. Collecting can take a while on a quiet shop, so it reports its progress (to the listener on
 * every vector, in the log at each tenth) and never holds more than it needs. Once complete, {@link #fit} seeds
 * the generation: a scaler on the raw vectors, then batch k-means++ (best of a few restarts, k fixed or chosen by
 * silhouette) on the standardised ones.
 */
final class BootstrapSample {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapSample.class);

  /** k-means++ restarts of the bootstrap fit; the best by inertia seeds the model. */
  static final int RESTARTS = 3;

  /**
   * A generation's start: its scaler, first centres (standardised) with their sizes as weights, the mean inertia
   * per vector, the raw vectors' moments, and the {@code bootstrap.*} model parameters that say how k was chosen.
   */
  record Fitted(Scaler scaler, double[][] centres, double[] weights, double meanInertia, RunningMoments moments,
      Map<String, String> parameters) {}

  private final String modelName;
  private final ModelTrainer.Listener listener;
  private final double[][] rows;
  private int count;
  private int decileLogged;

  BootstrapSample(final int needed, final String modelName, final ModelTrainer.Listener listener) {
    this.rows = new double[needed][];
    this.modelName = modelName;
    this.listener = listener;
    listener.bootstrapProgress(0, needed);
  }

  /** Keeps {@code row} (owned from now on); true once the sample is complete. */
  boolean add(final double[] row) {
    rows[count++] = row;
    final int needed = rows.length;
    listener.bootstrapProgress(count, needed);
    final int decile = (int) (10L * count / needed);
    if (decile > decileLogged && count < needed) {
      decileLogged = decile;
      LOG.info("model '{}' bootstrap: {} of {} vectors collected ({}%)", modelName, count, needed,
          100L * count / needed);
    }
    return count == needed;
  }

  /** The collected rows (all of them once {@link #add} returned true). */
  double[][] rows() {
    return rows;
  }

  int count() {
    return count;
  }

  int needed() {
    return rows.length;
  }

  /**
   * Fits the complete sample. Empty if k-means failed or gave non-finite centres (said in the log): the caller then
   * collects a fresh sample, since this one cannot seed a model.
   */
  Optional<Fitted> fit(final TrainingSettings settings) {
    final double[][] raw = rows;
    final int n = raw.length;
    final long started = System.nanoTime();
    final Scaler fitted = Scaler.fit(raw);
    final KMeansBootstrap.Fit fit;
    try {
      fit = kMeans(fitted.transformAll(raw), settings);
    } catch (final RuntimeException e) {
      LOG.warn("model '{}' bootstrap: k-means on {} vectors failed ({}); collecting {} fresh vectors to try again",
          modelName, n, e.getMessage(), n);
      return Optional.empty();
    }
    final long ms = (System.nanoTime() - started) / 1_000_000;
    final Map<String, String> parameters = new TreeMap<>();
    if (settings.autoK()) {
      final StringJoiner scores = new StringJoiner(", ");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, s) -> scores.add(String.format(Locale.ROOT, "k=%d: %.3f", k, s)));
      parameters.put("bootstrap.k-selection", "silhouette");
      parameters.put("bootstrap.silhouette", scores.toString());
      LOG.info("model '{}' bootstrap: chose k={} by mean silhouette over k={}..{} on {} vectors ({}) in {} ms",
          modelName, fit.k(), settings.kMin(), settings.kMax(), n, scores, ms);
    } else {
      parameters.put("bootstrap.k-selection", "fixed");
      LOG.info("model '{}' bootstrap: fitted k={} on {} vectors (k-means++, best of {} restarts), inertia {} per"
          + " vector, in {} ms", modelName, fit.k(), n, RESTARTS, ModelTrainer.fmt(fit.inertia() / n), ms);
    }
    parameters.put("bootstrap.vectors", Integer.toString(n));
    parameters.put("bootstrap.inertia", ModelTrainer.fmt(fit.inertia() / n));
    final double[] weights = new double[fit.k()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = fit.sizes()[i];
    }
    final RunningMoments moments = new RunningMoments(raw[0].length);
    for (final double[] x : raw) {
      moments.add(x);
    }
    return Optional.of(new Fitted(fitted, fit.centres(), weights, fit.inertia() / n, moments, parameters));
  }

  private static KMeansBootstrap.Fit kMeans(final double[][] z, final TrainingSettings settings) {
    final KMeansBootstrap.Fit fit = settings.autoK()
        ? KMeansBootstrap.fitAuto(z, settings.kMin(), settings.kMax(), settings.seed(), RESTARTS)
        : KMeansBootstrap.fit(z, settings.k(), settings.seed(), RESTARTS);
    for (final double[] c : fit.centres()) {
      for (final double v : c) {
        if (!Double.isFinite(v)) {
          throw new IllegalStateException("non-finite centre");
        }
      }
    }
    return fit;
  }
}
