package io.segstream.ingest.rfm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The RFM analysis, and its comparison with the system's segments, as Markdown tables. */
public final class RfmReport {
  private RfmReport() {}

  public static List<String> render(final Instant reference, final List<RfmScore> scores, final int withoutOrders,
      final Optional<SystemAssignments> system) {
    final List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "RFM on %,d customers with at least one order; reference date %s (the last event);"
        + " %,d users with events but no order are outside RFM.", scores.size(), reference, withoutOrders));
    out.add("R = quintile of days since the last order (5 = most recent), F = quintile of the number of orders,"
        + " M = quintile of spend; tied values share the score of their lowest rank. Segments from the R x F grid (see RfmSegment).");
    out.add("");
    out.add("| RFM segment | customers | share | median days since last order | median orders | median spend |");
    out.add("| --- | ---: | ---: | ---: | ---: | ---: |");
    final Map<RfmSegment, List<RfmScore>> byRfm = new EnumMap<>(RfmSegment.class);
    scores.forEach(s -> byRfm.computeIfAbsent(s.segment(), k -> new ArrayList<>()).add(s));
    byRfm.forEach((seg, group) -> out.add(String.format(Locale.ROOT, "| %s | %,d | %.1f%% | %.0f | %.0f | %,.0f |",
        seg.label(), group.size(), 100.0 * group.size() / scores.size(), Medians.of(group, CustomerRfm::recencyDays),
        Medians.of(group, c -> c.orders()), Medians.of(group, CustomerRfm::spend))));
    system.ifPresent(sys -> compare(out, scores, sys));
    return out;
  }

  private static void compare(final List<String> out, final List<RfmScore> scores, final SystemAssignments sys) {
    final Map<Integer, SystemSegment> byId = new LinkedHashMap<>();
    sys.segments().stream().sorted(Comparator.comparingInt(SystemSegment::id)).forEach(s -> byId.put(s.id(), s));
    out.add("");
    out.add(String.format(Locale.ROOT, "System segments (model v%d, GET /v1/segments); centroids in original units,"
        + " features that differ between segments:", sys.modelVersion()));
    out.add("");
    final List<String> features = varyingFeatures(sys.segments());
    out.add("| # | label | users | " + String.join(" | ", features) + " |");
    out.add("| ---: | --- | ---: |" + " ---: |".repeat(features.size()));
    for (final SystemSegment s : byId.values()) {
      out.add(String.format(Locale.ROOT, "| %d | %s | %,d | %s |", s.id(), s.label(), s.size(), features.stream()
          .map(f -> plain(s.centroid().get(f))).collect(Collectors.joining(" | "))));
    }
    out.add("");
    byId.values().forEach(s -> out.add("- #" + s.id() + " " + s.label() + ": " + s.description()));

    final Map<String, String> labelOf = new LinkedHashMap<>();
    sys.segmentOf().forEach((u, id) -> labelOf.put(u, rowName(byId, id)));
    final List<String> rowOrder = byId.keySet().stream().map(id -> rowName(byId, id)).toList();
    final Map<String, List<RfmScore>> members = new LinkedHashMap<>();
    rowOrder.forEach(r -> members.put(r, new ArrayList<>()));
    scores.forEach(s -> Optional.ofNullable(labelOf.get(s.customer().userId()))
        .ifPresent(l -> members.computeIfAbsent(l, k -> new ArrayList<>()).add(s)));
    out.add("");
    out.add("The same customers' batch RFM measures, by system segment (medians):");
    out.add("");
    out.add("| system segment | customers | days since last order | orders | spend | returned |");
    out.add("| --- | ---: | ---: | ---: | ---: | ---: |");
    members.forEach((row, group) -> out.add(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |", row,
        group.size(), median(group, CustomerRfm::recencyDays), median(group, c -> c.orders()),
        median(group, CustomerRfm::spend), median(group, CustomerRfm::returned))));

    final CrossTab tab = CrossTab.of(scores, labelOf, rowOrder);
    final List<RfmSegment> columns = List.of(RfmSegment.values()).stream().filter(c -> tab.columnTotal(c) > 0).toList();
    out.add("");
    out.add("Cross-tabulation, users (rows: system segments, columns: RFM segments):");
    out.add("");
    out.add("| system \\ RFM | " + columns.stream().map(RfmSegment::label).collect(Collectors.joining(" | "))
        + " | total | largest RFM segment |");
    out.add("| --- |" + " ---: |".repeat(columns.size() + 1) + " --- |");
    for (final String row : tab.rows().keySet()) {
      final long total = tab.rowTotal(row);
      final Optional<RfmSegment> top = columns.stream().max(Comparator.comparingLong(c -> tab.count(row, c)));
      out.add("| " + row + " | " + columns.stream().map(c -> String.format(Locale.ROOT, "%,d", tab.count(row, c)))
          .collect(Collectors.joining(" | ")) + String.format(Locale.ROOT, " | %,d | %s |", total, total == 0 ? "-"
          : top.map(t -> String.format(Locale.ROOT, "%s (%.0f%%)", t.label(), 100.0 * tab.count(row, t) / total)).orElse("-")));
    }
    out.add("| total | " + columns.stream().map(c -> String.format(Locale.ROOT, "%,d", tab.columnTotal(c)))
        .collect(Collectors.joining(" | ")) + String.format(Locale.ROOT, " | %,d | |", tab.users()));
    out.add("");
    out.add("Where each RFM segment's customers are in the system:");
    out.add("");
    out.add("| RFM segment | customers | most of them in | share |");
    out.add("| --- | ---: | --- | ---: |");
    for (final RfmSegment c : columns) {
      final String top = tab.rows().keySet().stream().max(Comparator.comparingLong(r -> tab.count(r, c))).orElse("-");
      out.add(String.format(Locale.ROOT, "| %s | %,d | %s | %.0f%% |", c.label(), tab.columnTotal(c), top,
          100.0 * tab.count(top, c) / tab.columnTotal(c)));
    }
    out.add("");
    final long missing = scores.stream().filter(s -> !labelOf.containsKey(s.customer().userId())).count();
    out.add(String.format(Locale.ROOT, "Adjusted Rand index between the two partitions: %.3f over %,d customers"
        + " (1 = identical, 0 = chance); RFM customers the system does not list: %,d.", tab.adjustedRandIndex(),
        tab.users(), missing));
    out.add(String.format(Locale.ROOT, "Against one score alone (the system's segments vs the 5 quintiles): R %.3f,"
        + " F %.3f, M %.3f.", Agreement.adjustedRand(scores, labelOf, RfmScore::r),
        Agreement.adjustedRand(scores, labelOf, RfmScore::f), Agreement.adjustedRand(scores, labelOf, RfmScore::m)));
  }

  private static String median(final List<RfmScore> group, final ToDoubleFunction<CustomerRfm> measure) {
    return group.isEmpty() ? "-" : String.format(Locale.ROOT, "%,.0f", Medians.of(group, measure));
  }

  private static String rowName(final Map<Integer, SystemSegment> byId, final int id) {
    final SystemSegment s = byId.get(id);
    return s == null ? "#" + id + " (retired)" : "#" + id + " " + s.label();
  }

  /** Clustering features whose centroid value is not the same in every segment (most browsing ones are 0 here). */
  static List<String> varyingFeatures(final List<SystemSegment> segments) {
    if (segments.isEmpty()) {
      return List.of();
    }
    final List<String> out = new ArrayList<>();
    for (final String f : segments.getFirst().centroid().keySet()) {
      final double min = segments.stream().mapToDouble(s -> s.centroid().getOrDefault(f, 0.0)).min().orElse(0);
      final double max = segments.stream().mapToDouble(s -> s.centroid().getOrDefault(f, 0.0)).max().orElse(0);
      if (max - min > 1e-3 * (1 + Math.abs(max))) {
        out.add(f);
      }
    }
    return out;
  }

  private static String plain(final Double v) {
    if (v == null) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
