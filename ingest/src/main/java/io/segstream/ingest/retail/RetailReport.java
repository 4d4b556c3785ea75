package io.segstream.ingest.retail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of a replay: where every row of the file went. */
public final class RetailReport {
  private RetailReport() {}

  public static List<String> lines(final RetailTally t, final long outOfOrderInvoices) {
    final List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "%-36s %,10d", "rows read", t.rowsRead()));
    out.add(String.format(Locale.ROOT, "%-36s %,10d  (%,d of them merged into a repeated line)", "rows in events",
        t.rowsInEvents(), t.mergedRows()));
    out.add(String.format(Locale.ROOT, "%-36s %,10d", "rows skipped", t.skipped()));
    for (final Map.Entry<SkipReason, Long> e : t.skippedByReason().entrySet()) {
      out.add(String.format(Locale.ROOT, "  %-34s %,10d  %s", e.getKey().code(), e.getValue(), e.getKey().description()));
    }
    t.malformedExamples().forEach(m -> out.add("    e.g. " + m));
    out.add(String.format(Locale.ROOT, "%-36s %,10d  (%,d PURCHASE, %,d RETURN)", "events", t.events(), t.purchases(),
        t.returns()));
    out.add(String.format(Locale.ROOT, "%-36s %,10d", "users (customers with an event)", t.users()));
    out.add(String.format(Locale.ROOT, "%-36s %s .. %s", "event time",
        t.firstEventTime().map(Object::toString).orElse("-"), t.lastEventTime().map(Object::toString).orElse("-")));
    if (outOfOrderInvoices > 0) {
      out.add(String.format(Locale.ROOT, "%-36s %,10d  (sent anyway; the system handles late events)",
          "invoices out of time order", outOfOrderInvoices));
    }
    return out;
  }
}
