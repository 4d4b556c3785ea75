package io.segstream.cli;

import io.segstream.generator.Persona;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import smile.validation.metric.AdjustedRandIndex;

/**
 * How well discovered segments agree with the generator's hidden personas: the adjusted Rand index
 * (1 = the same partition, 0 = no better than chance), plus the cross-tabulation behind it.
 */
record PersonaAgreement(double adjustedRandIndex, int users, Map<Integer, Map<Persona, Integer>> table) {

  static PersonaAgreement of(final Map<String, Integer> segments, final Map<String, Persona> truth) {
    final List<Integer> found = new ArrayList<>();
    final List<Integer> expected = new ArrayList<>();
    final Map<Integer, Map<Persona, Integer>> table = new TreeMap<>();
    segments.forEach((user, segment) -> {
      final Persona p = truth.get(user);
      if (p != null && segment >= 0) {
        found.add(segment);
        expected.add(p.ordinal());
        table.computeIfAbsent(segment, k -> new HashMap<>()).merge(p, 1, Integer::sum);
      }
    });
    if (found.size() < 2) {
      return new PersonaAgreement(Double.NaN, found.size(), table);
    }
    final double ari = AdjustedRandIndex.of(expected.stream().mapToInt(Integer::intValue).toArray(),
        found.stream().mapToInt(Integer::intValue).toArray());
    return new PersonaAgreement(ari, found.size(), table);
  }

  /** One line per segment: its size and which personas it holds. */
  List<String> describe(final Map<Integer, String> labels) {
    final List<String> out = new ArrayList<>();
    table.forEach((segment, personas) -> {
      final int total = personas.values().stream().mapToInt(Integer::intValue).sum();
      final StringBuilder sb = new StringBuilder(String.format("  #%-3d %-28s %6d users:", segment,
          labels.getOrDefault(segment, "?"), total));
      personas.entrySet().stream().sorted(Map.Entry.<Persona, Integer>comparingByValue().reversed())
          .forEach(e -> sb.append(String.format(" %s %.0f%%", e.getKey().name().toLowerCase(java.util.Locale.ROOT),
              100.0 * e.getValue() / total)));
      out.add(sb.toString());
    });
    return out;
  }
}
