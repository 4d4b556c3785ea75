package io.segstream.ingest.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A partition's scores on the hold-out.
 *
 * @param groups non-empty groups
 * @param largestShare the biggest group's share of the customers: a partition that puts most of the shop in one
 *     group cannot target anyone
 * @param sizes the non-empty groups, largest first
 */
public record PartitionScore(String partition, int groups, double repurchaseAuc, double futureSpendR2,
    double largestShare, List<GroupSummary> sizes) {
  public PartitionScore {
    sizes = List.copyOf(sizes);
  }

  public static PartitionScore of(final Partition p, final Holdout h) {
    if (p.size() != h.customers().size()) {
      throw new IllegalArgumentException(p.name() + " has " + p.size() + " customers, the hold-out " + h.customers().size());
    }
    final boolean[] y = h.repurchased();
    final int[] sizes = p.groupSizes();
    final double[] buyers = new double[sizes.length];
    final double[] spend = new double[sizes.length];
    for (int i = 0; i < p.size(); i++) {
      buyers[p.groups()[i]] += y[i] ? 1 : 0;
      spend[p.groups()[i]] += h.customers().get(i).futureSpend();
    }
    final List<GroupSummary> groups = new ArrayList<>();
    for (int g = 0; g < sizes.length; g++) {
      if (sizes[g] > 0) {
        groups.add(new GroupSummary(p.labels().get(g), sizes[g], sizes[g] / (double) p.size(), buyers[g] / sizes[g],
            spend[g] / sizes[g]));
      }
    }
    groups.sort(Comparator.comparingInt(GroupSummary::customers).reversed().thenComparing(GroupSummary::label));
    return new PartitionScore(p.name(), groups.size(), OutcomeScores.repurchaseAuc(p.groups(), y),
        OutcomeScores.rSquaredOfGroupMeans(p.groups(), h.logFutureSpend()),
        groups.isEmpty() ? Double.NaN : groups.getFirst().share(), groups);
  }
}
