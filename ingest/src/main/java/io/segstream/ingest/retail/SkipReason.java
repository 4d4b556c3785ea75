package io.segstream.ingest.retail;

/**
 * Why a row of the Online Retail file did not become (part of) an event. Every row read is either in an
 * event or counted under exactly one of these; the first that applies wins, in declaration order.
 */
public enum SkipReason {
  MALFORMED("malformed", "the row could not be parsed (wrong field count, not a number, not a date)"),
  GUEST("guest", "no CustomerID: a guest checkout that cannot be attributed to a user"),
  POSTAGE("postage", "postage or carriage (POST, DOT, C2): a shipping charge, not a product"),
  FEE("fee", "bank charges, Amazon fees, commission (BANK CHARGES, AMAZONFEE, CRUK)"),
  MANUAL("manual", "manual adjustment (M): an arbitrary amount without a product"),
  DISCOUNT("discount", "discount line (D): money given back, not a product returned"),
  BAD_DEBT("bad_debt", "bad-debt adjustment (B, invoices starting with A)"),
  SAMPLES("samples", "samples (S)"),
  GIFT_VOUCHER("gift_voucher", "gift voucher sold (gift_0001_*): money, not merchandise"),
  UNKNOWN_INVOICE("unknown_invoice", "invoice number neither a plain number nor C-prefixed"),
  NEGATIVE_PRICE("negative_price", "unit price below zero"),
  ZERO_PRICE("zero_price", "unit price zero: free items and stock corrections carry no spend"),
  ZERO_QUANTITY("zero_quantity", "quantity zero"),
  NEGATIVE_QUANTITY_ON_SALE("negative_quantity_on_sale", "negative quantity on a sale invoice: a stock correction"),
  POSITIVE_QUANTITY_ON_CANCELLATION("positive_quantity_on_cancellation", "positive quantity on a cancellation invoice"),
  QUANTITY_OVER_LIMIT("quantity_over_limit", "quantity beyond validation.max-quantity (the system would dead-letter it)"),
  PRICE_OVER_LIMIT("price_over_limit", "unit price beyond validation.max-price (the system would dead-letter it)"),
  INVOICE_CUSTOMER_CONFLICT("invoice_customer_conflict", "row of an invoice already seen with another customer"),
  LATE_ROW("late_row", "row of an invoice that was already sent (it reappeared after the grace window)"),
  ORDER_OVER_LIMIT("order_over_limit", "invoice with more lines than validation.max-items, or larger than validation.max-event-bytes");

  private final String code;
  private final String description;

  SkipReason(final String code, final String description) {
    this.code = code;
    this.description = description;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
