package io.segstream.core.kmeans;

import io.segstream.core.model.Scaler;
import java.util.Arrays;
import java.util.Map;

/**
 * A batch fit on a {@link PopulationSnapshot}: a population scaler ({@link Scaler#fitPopulation(double[][], boolean, double)}), then k-means++
 * with {@value #RESTARTS} restarts and a fixed seed (k fixed, or chosen by silhouette). The same snapshot always
 * gives the same model, which is what makes a replayed history end in the same segments at any pace.
 *
 * <p>Segment ids follow groups of users across the refit: a new centre keeps an old centre's id when they serve
 * mostly the same users (mutual majority, as in {@link RecentRefit#heirs}); every other centre gets a new id.
 */
public final class PopulationFit {
  static final int RESTARTS = 10;

  /**
   * @param centres standardised in {@code scaler}
   * @param sizes users of the snapshot nearest to each centre
   * @param meanInertia mean squared distance of the snapshot's users to their centre
   * @param silhouetteByK mean silhouette per k tried (empty when k is fixed)
   */
  public record Result(Scaler scaler, double[][] centres, int[] ids, int nextId, int[] sizes, double meanInertia,
      Map<Integer, Double> silhouetteByK) {
    public int k() {
      return centres.length;
    }
  }

  private PopulationFit() {}

  /**
   * @param raw the snapshot's rows (transformed, not standardised), in a deterministic order
   * @param byShares measure features in population shares ({@link Scaler#fitPopulation(double[][], boolean, double)})
   * @param blend weight of the clipped z-score blended into shares
   * @param previous the current model's centres in raw (transformed) units, for id continuity; may be empty
   * @param previousIds their ids
   * @param nextId the first id a new centre gets
   */
  public static Result fit(final double[][] raw, final TrainingSettings settings, final boolean byShares,
      final double blend, final double[][] previous, final int[] previousIds, final int nextId) {
    final Scaler scaler = Scaler.fitPopulation(raw, byShares, blend);
    final double[][] z = scaler.transformAll(raw);
    final KMeansBootstrap.Fit fit = settings.autoK()
        ? KMeansBootstrap.fitAuto(z, settings.kMin(), settings.kMax(), settings.seed(), RESTARTS)
        : KMeansBootstrap.fit(z, Math.min(settings.k(), z.length), settings.seed(), RESTARTS);
    final double[][] centres = fit.centres();
    final int[] ids = new int[centres.length];
    Arrays.fill(ids, -1);
    int next = nextId;
    if (previous.length > 0) {
      final double[][] before = scaler.transformAll(previous);
      final int[] heirOf = RecentRefit.heirs(z, before, centres);
      for (int c = 0; c < centres.length; c++) {
        if (heirOf[c] >= 0) {
          ids[c] = previousIds[heirOf[c]];
        }
      }
    }
    for (int c = 0; c < centres.length; c++) {
      if (ids[c] < 0) {
        ids[c] = next++;
      }
    }
    return new Result(scaler, centres, ids, next, fit.sizes(), fit.inertia() / z.length, fit.silhouetteByK());
  }
}
