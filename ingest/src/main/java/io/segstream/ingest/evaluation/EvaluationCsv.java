package io.segstream.ingest.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One CSV row per scored customer: the measures at the cutoff, the outcomes, and the group of every partition, so
 * the scores can be recomputed (or the segments studied) with any other tool.
 */
public final class EvaluationCsv {
  private EvaluationCsv() {}

  public static void write(final Evaluation e, final Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("user_id,recency_days,orders,spend,repurchased,future_spend");
      for (final Partition p : e.partitions()) {
        w.write("," + column(p.name()));
      }
      w.newLine();
      for (int i = 0; i < e.holdout().customers().size(); i++) {
        final HoldoutCustomer c = e.holdout().customers().get(i);
        w.write(String.format(Locale.ROOT, "%s,%.6f,%d,%.4f,%d,%.4f", quoted(c.userId()), c.recencyDays(), c.orders(),
            c.spend(), c.repurchased() ? 1 : 0, c.futureSpend()));
        for (final Partition p : e.partitions()) {
          w.write("," + quoted(p.labels().get(p.groups()[i])));
        }
        w.newLine();
      }
    }
  }

  private static String column(final String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  private static String quoted(final String s) {
    return s.matches("[A-Za-z0-9 _.=-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
