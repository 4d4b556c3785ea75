package io.segstream.ingest.retail;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a row is merchandise bought or returned by a known customer, or something to count and
 * leave out. The non-product stock codes below are every one that occurs in the file (Dec 2010 - Aug 2011);
 * any other code is treated as a product, so a new real product is never dropped silently. Codes such as
 * DCGS0004 (dotcom gift shop) are real products and stay.
 */
public final class LineClassifier {
  private static final Map<String, SkipReason> SERVICE_CODES = Map.ofEntries(
      Map.entry("POST", SkipReason.POSTAGE),
      Map.entry("DOT", SkipReason.POSTAGE),
      Map.entry("C2", SkipReason.POSTAGE),
      Map.entry("BANK CHARGES", SkipReason.FEE),
      Map.entry("AMAZONFEE", SkipReason.FEE),
      Map.entry("CRUK", SkipReason.FEE),
      Map.entry("M", SkipReason.MANUAL),
      Map.entry("D", SkipReason.DISCOUNT),
      Map.entry("B", SkipReason.BAD_DEBT),
      Map.entry("S", SkipReason.SAMPLES));

  private final RetailLimits limits;

  public LineClassifier(final RetailLimits limits) {
    this.limits = limits;
  }

  /** Empty if the row is a line of merchandise to send; otherwise why not. */
  public Optional<SkipReason> skipReason(final RetailRow r) {
    if (r.customerId().isEmpty()) {
      return Optional.of(SkipReason.GUEST);
    }
    final String code = r.stockCode().toUpperCase(Locale.ROOT);
    final SkipReason service = SERVICE_CODES.get(code);
    if (service != null) {
      return Optional.of(service);
    }
    if (code.startsWith("GIFT_")) {
      return Optional.of(SkipReason.GIFT_VOUCHER);
    }
    if (r.invoiceNo().startsWith("A")) {
      return Optional.of(SkipReason.BAD_DEBT);
    }
    if (!r.cancellation() && !Character.isDigit(r.invoiceNo().charAt(0))) {
      return Optional.of(SkipReason.UNKNOWN_INVOICE);
    }
    if (r.unitPrice() < 0) {
      return Optional.of(SkipReason.NEGATIVE_PRICE);
    }
    if (r.unitPrice() == 0) {
      return Optional.of(SkipReason.ZERO_PRICE);
    }
    if (r.quantity() == 0) {
      return Optional.of(SkipReason.ZERO_QUANTITY);
    }
    if (!r.cancellation() && r.quantity() < 0) {
      return Optional.of(SkipReason.NEGATIVE_QUANTITY_ON_SALE);
    }
    if (r.cancellation() && r.quantity() > 0) {
      return Optional.of(SkipReason.POSITIVE_QUANTITY_ON_CANCELLATION);
    }
    if (Math.abs((long) r.quantity()) > limits.maxQuantity()) {
      return Optional.of(SkipReason.QUANTITY_OVER_LIMIT);
    }
    if (r.unitPrice() > limits.maxPrice()) {
      return Optional.of(SkipReason.PRICE_OVER_LIMIT);
    }
    return Optional.empty();
  }
}
