package io.segstream.text;

import java.util.List;

/** A category name (as the shop's feature layout knows it) and short descriptions of what belongs in it. */
public record CategoryDescription(String name, List<String> descriptions) {
  public CategoryDescription {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a category needs a name");
    }
    descriptions = descriptions.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (descriptions.isEmpty()) {
      throw new IllegalArgumentException("category " + name + " needs at least one description");
    }
  }

  /**
   * The departments of the synthetic shop, each described by several short phrases for the kinds of things it
   * sells: a product name is compared with every phrase and the closest one counts, which works better than
   * one long description per category.
   */
  public static List<CategoryDescription> defaults() {
    return List.of(
        new CategoryDescription("electronics", List.of("consumer electronics and gadgets",
            "headphones, earbuds and speakers", "phones, tablets, laptops and computers",
            "chargers, cables, batteries and power banks", "cameras, smart watches and electrical devices")),
        new CategoryDescription("fashion", List.of("clothing and fashion", "shoes, boots and trainers",
            "handbags, purses and luggage", "jewellery, necklaces and bracelets", "hats, scarves, belts and gloves")),
        new CategoryDescription("home", List.of("home decoration and ornaments", "kitchenware, mugs, plates and bowls",
            "candles, lamps and lights", "furniture, cushions, storage and baskets", "garden decorations and signs")),
        new CategoryDescription("beauty", List.of("cosmetics and make-up", "skincare and hair care",
            "perfume, soap and toiletries")),
        new CategoryDescription("sports", List.of("sports and fitness equipment", "camping, hiking and outdoor gear",
            "sportswear and bicycles")),
        new CategoryDescription("books", List.of("books and notebooks", "stationery, pens, paper and cards",
            "wrapping paper, gift tags and stickers")),
        new CategoryDescription("toys", List.of("toys and games for children", "dolls, soft toys and teddy bears",
            "puzzles, board games and playing cards", "party games, balloons and kids crafts")),
        new CategoryDescription("grocery", List.of("food and drink", "sweets, chocolate, biscuits and snacks",
            "tea, coffee and baking ingredients")));
  }
}
