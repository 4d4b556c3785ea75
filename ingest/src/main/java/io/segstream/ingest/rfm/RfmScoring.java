package io.segstream.ingest.rfm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Quintile R, F and M scores for a set of customers, and their segments on the R × F grid. */
public final class RfmScoring {
  private RfmScoring() {}

  /** @return one score per customer, sorted by user id */
  public static List<RfmScore> score(final List<CustomerRfm> customers) {
    final List<CustomerRfm> sorted = new ArrayList<>(customers);
    sorted.sort(Comparator.comparing(CustomerRfm::userId));
    final int[] r = QuintileScores.of(sorted.stream().mapToDouble(CustomerRfm::recencyDays).toArray(), false);
    final int[] f = QuintileScores.of(sorted.stream().mapToDouble(c -> c.orders()).toArray(), true);
    final int[] m = QuintileScores.of(sorted.stream().mapToDouble(CustomerRfm::spend).toArray(), true);
    final List<RfmScore> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      out.add(new RfmScore(sorted.get(i), r[i], f[i], m[i], RfmSegment.of(r[i], f[i])));
    }
    return out;
  }
}
