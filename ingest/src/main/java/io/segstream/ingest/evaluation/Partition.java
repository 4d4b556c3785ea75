package io.segstream.ingest.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of splitting the hold-out's customers into groups.
 *
 * @param groups each customer's group, 0..labels.size()-1, in the order of {@link Holdout#customers()}
 * @param labels each group's name, as a marketer would read it
 */
public record Partition(String name, int[] groups, List<String> labels) {
  public Partition {
    groups = groups.clone();
    labels = List.copyOf(labels);
    for (final int g : groups) {
      if (g < 0 || g >= labels.size()) {
        throw new IllegalArgumentException(name + ": group " + g + " has no label");
      }
    }
  }

  /** Groups from one label per customer: customers with the same label share a group. */
  public static Partition ofLabels(final String name, final List<String> labelPerCustomer) {
    final Map<String, Integer> ids = new LinkedHashMap<>();
    final int[] groups = new int[labelPerCustomer.size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = ids.computeIfAbsent(labelPerCustomer.get(i), l -> ids.size());
    }
    return new Partition(name, groups, new ArrayList<>(ids.keySet()));
  }

  public int size() {
    return groups.length;
  }

  public int[] groupSizes() {
    final int[] sizes = new int[labels.size()];
    for (final int g : groups) {
      sizes[g]++;
    }
    return sizes;
  }
}
