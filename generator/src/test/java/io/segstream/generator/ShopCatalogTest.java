package io.segstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopCatalogTest {
  private final ShopCatalog catalog = ShopCatalog.generate(42, ShopCatalog.DEFAULT_SIZE);

  @Test
  void spreadsUniquelyNamedProductsOverEveryCategory() {
    assertThat(catalog.size()).isEqualTo(400);
    final Set<String> ids = new HashSet<>();
    final Set<String> names = new HashSet<>();
    for (final CatalogProduct p : catalog.products()) {
      assertThat(ids.add(p.productId())).isTrue();
      assertThat(names.add(p.name())).as(p.name()).isTrue();
      assertThat(p.name()).matches("[A-Z][\\p{L}'&.]*( .+)+");
      assertThat(p.price()).isPositive();
      assertThat(p.toAvro().getCategory()).isEqualTo(p.category().id());
    }
    for (final Category c : Category.values()) {
      assertThat(catalog.inCategory(c)).hasSize(50);
    }
    assertThat(Category.values()).extracting(Category::id)
        .containsExactly("electronics", "fashion", "home", "beauty", "sports", "books", "toys", "grocery");
  }

  @Test
  void pricesFollowTheCategory() {
    assertThat(median(Category.ELECTRONICS)).isGreaterThan(3 * median(Category.BOOKS));
    assertThat(median(Category.GROCERY)).isLessThan(20);
    assertThat(median(Category.FASHION)).isBetween(25.0, 90.0);
    // wide but plausible within a category
    final List<CatalogProduct> electronics = catalog.inCategory(Category.ELECTRONICS);
    assertThat(electronics.getLast().price()).isGreaterThan(10 * electronics.getFirst().price());
    assertThat(catalog.atPriceQuantile(Category.HOME, 0)).isEqualTo(catalog.inCategory(Category.HOME).getFirst());
    assertThat(catalog.atPriceQuantile(Category.HOME, 1)).isEqualTo(catalog.inCategory(Category.HOME).getLast());
    assertThat(catalog.atPriceQuantile(Category.HOME, 0.8).price())
        .isGreaterThan(catalog.atPriceQuantile(Category.HOME, 0.2).price());
  }

  @Test
  void isDeterministicForASeed() {
    assertThat(ShopCatalog.generate(42, 400).products()).isEqualTo(catalog.products());
    assertThat(ShopCatalog.generate(43, 400).products()).isNotEqualTo(catalog.products());
  }

  private double median(final Category c) {
    final List<CatalogProduct> sorted = catalog.inCategory(c);
    return sorted.get(sorted.size() / 2).price();
  }
}
