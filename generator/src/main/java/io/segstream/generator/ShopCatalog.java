package io.segstream.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A few hundred products spread evenly over the {@link Category categories}, with English titles and list
 * prices log-normal around each item type's typical price. Immutable and deterministic for a seed.
 */
public final class ShopCatalog {
  public static final int DEFAULT_SIZE = 400;

  private final List<CatalogProduct> products;
  private final Map<Category, List<CatalogProduct>> byPrice;

  private ShopCatalog(final List<CatalogProduct> products) {
    this.products = List.copyOf(products);
    final Map<Category, List<CatalogProduct>> sorted = new EnumMap<>(Category.class);
    for (final Category c : Category.values()) {
      sorted.put(c, products.stream().filter(p -> p.category() == c)
          .sorted(Comparator.comparingDouble(CatalogProduct::price).thenComparing(CatalogProduct::productId))
          .toList());
    }
    this.byPrice = sorted;
  }

  public static ShopCatalog generate(final long seed, final int size) {
    if (size < Category.values().length) {
      throw new IllegalArgumentException("a catalogue needs at least one product per category, got " + size);
    }
    final RandomGenerator rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    final Category[] categories = Category.values();
    final List<CatalogProduct> products = new ArrayList<>(size);
    final Set<String> titles = new HashSet<>();
    for (int i = 0; i < size; i++) {
      final Category category = categories[i % categories.length];
      // Kinds in turn rather than at random: every catalogue gets a similar price structure whatever the seed.
      final ProductNames.ItemKind kind = ProductNames.kind(category, i / categories.length);
      final String title = uniqueTitle(category, kind, rng, titles);
      final double price = listPrice(kind.typicalPrice() * Math.exp(category.priceSpread() * rng.nextGaussian()));
      products.add(new CatalogProduct("p%05d".formatted(i + 1), title, category, kind.noun(), price));
    }
    return new ShopCatalog(products);
  }

  private static String uniqueTitle(final Category category, final ProductNames.ItemKind kind,
      final RandomGenerator rng, final Set<String> taken) {
    for (int attempt = 0; attempt < 20; attempt++) {
      final String title = ProductNames.title(category, kind, rng);
      if (taken.add(title)) {
        return title;
      }
    }
    // Very large catalogues exhaust the combinations; shops disambiguate with a model number.
    String title;
    do {
      title = ProductNames.title(category, kind, rng) + " (Model " + (100 + rng.nextInt(900)) + ")";
    } while (!taken.add(title));
    return title;
  }

  /** Shop-style price points: 4.49, 19.99, 149.99. */
  private static double listPrice(final double raw) {
    if (raw < 10) {
      return Math.max(0.99, Math.floor(raw) + (raw - Math.floor(raw) < 0.5 ? 0.49 : 0.99));
    }
    if (raw < 100) {
      return Math.round(raw) - 0.01;
    }
    return Math.round(raw / 5) * 5 - 0.01;
  }

  public List<CatalogProduct> products() {
    return products;
  }

  public int size() {
    return products.size();
  }

  /** The category's products, cheapest first. */
  public List<CatalogProduct> inCategory(final Category category) {
    return byPrice.get(category);
  }

  /**
   * A product of the category at about the given price quantile (0 = cheapest, 1 = dearest): how users with a
   * price level shop across departments whose absolute prices differ tenfold.
   */
  public CatalogProduct atPriceQuantile(final Category category, final double quantile) {
    final List<CatalogProduct> list = byPrice.get(category);
    final int index = (int) Math.floor(Math.clamp(quantile, 0.0, 1.0) * list.size());
    return list.get(Math.min(index, list.size() - 1));
  }
}
