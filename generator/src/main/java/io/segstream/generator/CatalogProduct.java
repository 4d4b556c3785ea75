package io.segstream.generator;

import io.segstream.avro.Product;

/**
 * A product in the synthetic shop.
 *
 * @param noun what a reviewer calls it in a sentence ("the earbuds")
 */
public record CatalogProduct(String productId, String name, Category category, String noun, double price) {

  /** A fresh Avro value per event: Avro records are mutable, so events must not share one. */
  public Product toAvro() {
    return Product.newBuilder().setProductId(productId).setName(name).setCategory(category.id()).setPrice(price).build();
  }
}
