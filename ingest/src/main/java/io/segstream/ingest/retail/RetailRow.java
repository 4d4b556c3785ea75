package io.segstream.ingest.retail;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One parsed line of the UCI Online Retail file, as the shop wrote it (signs, codes and all); deciding
 * what it means is {@link LineClassifier}'s job.
 *
 * @param line the line number in the file, for messages
 * @param customerId the customer id as an integer string ({@code 17850.0} in the file → {@code 17850}); empty for guests
 */
public record RetailRow(long line, String invoiceNo, String stockCode, String description, int quantity,
    LocalDateTime invoiceDate, double unitPrice, Optional<String> customerId, String country) {

  /** Invoice numbers starting with C are cancellations. */
  public boolean cancellation() {
    return invoiceNo.startsWith("C");
  }
}
