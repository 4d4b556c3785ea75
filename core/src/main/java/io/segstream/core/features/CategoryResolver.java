package io.segstream.core.features;

import io.segstream.avro.Product;

/**
 * Which category a product counts towards. The default trusts the shop's own category; a shop that sends
 * none can plug in one derived from product text (it must answer from a cache: this is on the hot path).
 */
@FunctionalInterface
public interface CategoryResolver {
  /** The category name, or {@link SlotLayout#OTHER_CATEGORY} when unknown; never null. */
  String categoryOf(Product product);

  static CategoryResolver shopCategory() {
    return p -> p.getCategory() == null || p.getCategory().isBlank() ? SlotLayout.OTHER_CATEGORY : p.getCategory();
  }
}
