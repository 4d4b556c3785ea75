package io.segstream.ingest.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A hold-out evaluation: the system's segments and the baselines, scored on the same customers.
 *
 * @param holdout restricted to the customers the system assigned
 * @param unassigned customers active before the cutoff the system had not assigned (0 once it settled)
 * @param partitions segstream first, then the baselines
 * @param rows their scores, in the same order
 * @param stabilityAri agreement between two runs at different paces, when two were made
 */
public record Evaluation(Holdout holdout, long modelVersion, int k, int unassigned, List<Partition> partitions,
    List<PartitionScore> rows,
    OptionalDouble stabilityAri) {
  public static final String SYSTEM = "segstream";

  public Evaluation {
    partitions = List.copyOf(partitions);
    rows = List.copyOf(rows);
  }

  public static Evaluation of(final Holdout all, final SystemPartition system, final long seed) {
    final Set<String> assigned = new HashSet<>();
    system.segmentOf().forEach((user, segment) -> {
      if (segment >= 0) {
        assigned.add(user);
      }
    });
    final Holdout h = all.restrictedTo(assigned);
    if (h.customers().isEmpty()) {
      throw new IllegalArgumentException("the system assigned none of the " + all.customers().size()
          + " customers active before the cutoff");
    }
    final List<String> labels = new ArrayList<>();
    for (final HoldoutCustomer c : h.customers()) {
      final int id = system.segmentOf().get(c.userId());
      labels.add(system.labels().getOrDefault(id, "segment " + id) + " [" + id + "]");
    }
    final int k = Math.max(1, system.k());
    final List<Partition> partitions = List.of(Partition.ofLabels(SYSTEM, labels), Baselines.rfmSegments(h),
        Baselines.recencyQuintile(h), Baselines.logRfmKMeans(h, k, seed), Baselines.random(h, k, seed));
    return new Evaluation(h, system.modelVersion(), k, all.customers().size() - h.customers().size(), partitions,
        partitions.stream().map(p -> PartitionScore.of(p, h)).toList(), OptionalDouble.empty());
  }

  public Evaluation withStability(final Map<String, Integer> first, final Map<String, Integer> second) {
    return new Evaluation(holdout, modelVersion, k, unassigned, partitions, rows, OptionalDouble.of(Stability.adjustedRand(first, second)));
  }
}
