package io.segstream.generator;

import java.util.Locale;

/**
 * The shop's departments. {@link #id()} is what goes into {@code Product.category} and matches the default
 * tracked categories of the feature registry.
 */
public enum Category {
  ELECTRONICS(0.35),
  FASHION(0.30),
  HOME(0.35),
  BEAUTY(0.30),
  SPORTS(0.35),
  BOOKS(0.25),
  TOYS(0.35),
  GROCERY(0.30);

  private final double priceSpread;

  Category(final double priceSpread) {
    this.priceSpread = priceSpread;
  }

  /** Lower-case name used on the wire. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Log-normal sigma of list prices around an item type's typical price: books vary little, electronics and
   * homeware a lot (a budget and a premium version of the same thing).
   */
  public double priceSpread() {
    return priceSpread;
  }
}
