package io.segstream.ingest.retail;

import java.time.LocalDateTime;
import java.util.Optional;

/** Hand-written rows for tests, in the file's own terms. */
final class RetailRows {
  private RetailRows() {}

  static RetailRow row(final String invoice, final String code, final int quantity, final String time,
      final double price, final String customer) {
    return new RetailRow(1, invoice, code, "ITEM " + code, quantity, LocalDateTime.parse(time), price,
        customer.isEmpty() ? Optional.empty() : Optional.of(customer), "United Kingdom");
  }

  static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
}
