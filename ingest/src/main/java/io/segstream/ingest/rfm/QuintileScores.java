package io.segstream.ingest.rfm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Quintile scores 1-5 by rank: the top fifth of customers scores 5. Tied values share the score of the
 * lowest rank in their group. Shop data is heavily tied at the bottom (four in ten customers ordered exactly
 * once): splitting them by file order, as rank-"first" schemes do, would put identical customers in
 * different segments, and an average rank would lift every one-time buyer to F = 2, leaving New customers
 * empty. The price is that a large tie leaves the scores just above it unused.
 */
public final class QuintileScores {
  private QuintileScores() {}

  /** @param higherIsBetter true for frequency and money, false for recency in days */
  public static int[] of(final double[] values, final boolean higherIsBetter) {
    final int n = values.length;
    final Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    final Comparator<Integer> ascending = Comparator.comparingDouble(i -> values[i]);
    Arrays.sort(order, higherIsBetter ? ascending : ascending.reversed());
    final int[] scores = new int[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      final int lowestRank = i + 1; // the group holds 1-based ranks i+1 .. j+1
      final int score = Math.max(1, Math.min(5, (int) Math.ceil(5.0 * lowestRank / n)));
      for (int k = i; k <= j; k++) {
        scores[order[k]] = score;
      }
      i = j + 1;
    }
    return scores;
  }
}
