package io.segstream.ingest.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The evaluation as one JSON document, for scripts that compare configurations. Undefined scores are null. */
public final class EvaluationJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationJson() {}

  public static String of(final Evaluation e) {
    final Holdout h = e.holdout();
    final ObjectNode root = JSON.createObjectNode();
    root.put("cutoff", h.window().cutoff().toString());
    root.put("horizonEnd", h.window().end().toString());
    root.put("historyEvents", h.history().size());
    root.put("outcomeEvents", h.laterEvents());
    root.put("customers", h.customers().size());
    root.put("unassigned", e.unassigned());
    number(root, "repurchaseRate", h.repurchaseRate());
    root.put("modelVersion", e.modelVersion());
    root.put("k", e.k());
    final ArrayNode rows = root.putArray("partitions");
    for (final PartitionScore r : e.rows()) {
      final ObjectNode row = rows.addObject();
      row.put("partition", r.partition());
      row.put("groups", r.groups());
      number(row, "repurchaseAuc", r.repurchaseAuc());
      number(row, "futureLogSpendR2", r.futureSpendR2());
      number(row, "largestGroupShare", r.largestShare());
      final ArrayNode sizes = row.putArray("sizes");
      for (final GroupSummary g : r.sizes()) {
        final ObjectNode s = sizes.addObject();
        s.put("label", g.label());
        s.put("customers", g.customers());
        number(s, "share", g.share());
        number(s, "repurchaseRate", g.repurchaseRate());
        number(s, "meanFutureSpend", g.meanFutureSpend());
      }
    }
    if (e.stabilityAri().isPresent()) {
      number(root, "stabilityAri", e.stabilityAri().getAsDouble());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (final JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void number(final ObjectNode node, final String field, final double x) {
    if (Double.isFinite(x)) {
      node.put(field, x);
    } else {
      node.putNull(field);
    }
  }
}
