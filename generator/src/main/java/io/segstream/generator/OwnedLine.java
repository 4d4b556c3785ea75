package io.segstream.generator;

import io.segstream.avro.LineItem;

/** Something a user bought and may later review or send back. */
final class OwnedLine {
  final CatalogProduct product;
  final int quantity;
  final double discount;
  final String orderId;
  final long boughtAt;
  /** Bought before the simulated history began: reviewable, but its order was never seen, so not returnable. */
  final boolean preHistory;
  boolean reviewed;
  boolean returned;

  OwnedLine(final CatalogProduct product, final int quantity, final double discount, final String orderId,
      final long boughtAt, final boolean preHistory) {
    this.product = product;
    this.quantity = quantity;
    this.discount = discount;
    this.orderId = orderId;
    this.boughtAt = boughtAt;
    this.preHistory = preHistory;
  }

  LineItem toAvro() {
    return LineItem.newBuilder().setProduct(product.toAvro()).setQuantity(quantity).setDiscount(discount).build();
  }
}
