package io.segstream.ingest.retail;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One invoice → one segstream event: a PURCHASE for a sale, a RETURN (with positive quantities) for a
 * cancellation. The user is the customer, the order id the invoice number, the event time the invoice time
 * in the shop's zone. Products get no category: the shop has none, and segstream's text stage derives one
 * from the name.
 */
public final class InvoiceToEvents {
  static final String EVENT_ID_PREFIX = "online-retail-";
  private final RetailLimits limits;

  public InvoiceToEvents(final RetailLimits limits) {
    this.limits = limits;
  }

  public MappedInvoice map(final Invoice inv) {
    // The same product at the same price entered twice on one invoice is one line bought in a larger
    // quantity (the shop's staff scanned it twice); item counts would otherwise depend on how it was keyed in.
    final Map<String, LineItem> lines = new LinkedHashMap<>();
    for (final RetailRow r : inv.rows()) {
      final String productId = r.stockCode().toUpperCase(Locale.ROOT);
      final String key = productId + '\u0000' + r.unitPrice();
      final int quantity = Math.abs(r.quantity());
      final LineItem existing = lines.get(key);
      if (existing != null) {
        existing.setQuantity(existing.getQuantity() + quantity);
      } else {
        lines.put(key, LineItem.newBuilder()
            .setProduct(Product.newBuilder().setProductId(productId)
                .setName(r.description().isBlank() ? null : r.description())
                .setCategory(null).setPrice(r.unitPrice()).build())
            .setQuantity(quantity).setDiscount(0.0).build());
      }
    }
    if (lines.size() > limits.maxItems()) {
      return MappedInvoice.skipped(SkipReason.ORDER_OVER_LIMIT, inv.rows().size());
    }
    for (final LineItem li : lines.values()) {
      if (li.getQuantity() > limits.maxQuantity()) {
        // Merged repeats can add up beyond the limit although every row was within it.
        return MappedInvoice.skipped(SkipReason.QUANTITY_OVER_LIMIT, inv.rows().size());
      }
    }
    final UserEvent e = UserEvent.newBuilder()
        .setUserId(inv.customerId())
        .setType(inv.cancellation() ? EventType.RETURN : EventType.PURCHASE)
        .setTimestamp(inv.time().atZone(limits.zone()).toInstant())
        .setEventId(EVENT_ID_PREFIX + inv.invoiceNo())
        .setSessionId(null)
        .setProduct(null)
        .setItems(new ArrayList<>(lines.values()))
        .setOrderId(inv.invoiceNo())
        .setReview(null)
        .build();
    if (AvroSerdes.USER_EVENT.serialize(null, e).length > limits.maxEventBytes()) {
      return MappedInvoice.skipped(SkipReason.ORDER_OVER_LIMIT, inv.rows().size());
    }
    return MappedInvoice.of(e, inv.rows().size(), inv.rows().size() - lines.size());
  }
}
