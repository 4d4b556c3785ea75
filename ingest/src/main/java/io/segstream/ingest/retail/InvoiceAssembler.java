package io.segstream.ingest.retail;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups rows into invoices without holding the file in memory. The file is in time order and an invoice's
 * rows are almost always consecutive, but not always (invoice 542806 is interleaved with C542805), so an
 * invoice stays open until the file's time has moved more than a grace period past its last row. Invoices
 * come out in the order they first appeared, i.e. in event-time order; only the invoices of the last few
 * minutes are held.
 */
public final class InvoiceAssembler {
  private final Duration grace;
  private final Map<String, Open> open = new LinkedHashMap<>();
  /** Numbers of invoices already handed out: a row for one of them is late (a set of ~25,000 short strings). */
  private final Set<String> done = new HashSet<>();
  /**
   * The time of the row being read, not the latest seen: a single row with a wrong date far ahead must not
   * close (and so split) every invoice after it.
   */
  private LocalDateTime now = LocalDateTime.MIN;
  private LocalDateTime lastEmitted = LocalDateTime.MIN;
  private long outOfOrder;

  public InvoiceAssembler(final Duration grace) {
    this.grace = grace;
  }

  private static final class Open {
    final RetailRow first;
    final List<RetailRow> rows = new ArrayList<>();
    LocalDateTime last;

    Open(final RetailRow first) {
      this.first = first;
      this.last = first.invoiceDate();
    }
  }

  /** Every row read, kept or not, tells the time in the file. */
  public void observe(final LocalDateTime time) {
    now = time;
  }

  /** Adds a merchandise row; empty if it joined an invoice, otherwise why it cannot. */
  public Optional<SkipReason> add(final RetailRow row) {
    observe(row.invoiceDate());
    if (done.contains(row.invoiceNo())) {
      return Optional.of(SkipReason.LATE_ROW);
    }
    final Open inv = open.computeIfAbsent(row.invoiceNo(), k -> new Open(row));
    if (!inv.first.customerId().equals(row.customerId())) {
      return Optional.of(SkipReason.INVOICE_CUSTOMER_CONFLICT);
    }
    inv.rows.add(row);
    if (row.invoiceDate().isAfter(inv.last)) {
      inv.last = row.invoiceDate();
    }
    return Optional.empty();
  }

  /** Invoices no further row can belong to (within the grace period), oldest first. */
  public List<Invoice> complete() {
    return drain(false);
  }

  /** At the end of the input: everything still open. */
  public List<Invoice> rest() {
    return drain(true);
  }

  private List<Invoice> drain(final boolean all) {
    final List<Invoice> out = new ArrayList<>();
    final Iterator<Open> it = open.values().iterator();
    while (it.hasNext()) {
      final Open inv = it.next();
      if (!all && !inv.last.plus(grace).isBefore(now)) {
        break; // the oldest is still open: keep first-appearance order, wait for it
      }
      it.remove();
      final RetailRow f = inv.first;
      done.add(f.invoiceNo());
      if (f.invoiceDate().isBefore(lastEmitted)) {
        outOfOrder++;
      } else {
        lastEmitted = f.invoiceDate();
      }
      out.add(new Invoice(f.invoiceNo(), f.customerId().orElseThrow(), f.cancellation(), f.invoiceDate(), inv.rows));
    }
    return out;
  }

  /** Invoices that started earlier than one already handed out (the file was not in time order there). */
  public long outOfOrder() {
    return outOfOrder;
  }

  /** Invoices held open right now (bounded by the grace period, not by the file). */
  public int openInvoices() {
    return open.size();
  }
}
