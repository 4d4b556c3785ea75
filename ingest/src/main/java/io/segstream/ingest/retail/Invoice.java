package io.segstream.ingest.retail;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The merchandise rows of one invoice, complete.
 *
 * @param time the invoice's first row's time (a long invoice's rows may span a minute)
 */
public record Invoice(String invoiceNo, String customerId, boolean cancellation, LocalDateTime time,
    List<RetailRow> rows) {
  public Invoice {
    rows = List.copyOf(rows);
  }
}
