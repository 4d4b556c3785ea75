package io.segstream.generator;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * English product titles per category, built from brands, item types and variants the way real shop titles
 * read ("Northwind Slim-Fit Denim Jeans, Navy"). Item types carry a typical price so a charging cable never
 * costs more than a monitor, and a short noun that review sentences can use ("the denim jeans").
 */
final class ProductNames {

  /** One kind of item: its title words, the noun reviews use, and what such an item typically costs. */
  record ItemKind(String title, String noun, double typicalPrice) {}

  private record Vocabulary(List<String> brands, List<ItemKind> kinds, List<String> variants, Style style) {}

  /** Where the variant goes in the title. */
  private enum Style { BRAND_KIND_VARIANT, BRAND_VARIANT_KIND, KIND_COMMA_VARIANT, BOOK }

  private static final Map<Category, Vocabulary> VOCABULARY = Map.of(
      Category.ELECTRONICS, new Vocabulary(
          List.of("Voltrix", "Nexon", "Auralis", "Kestrel", "Lumio", "Quanta", "Soniq"),
          List.of(kind("Wireless Earbuds", "earbuds", 79), kind("Bluetooth Speaker", "speaker", 59),
              kind("Smartwatch", "smartwatch", 199), kind("27-inch 4K Monitor", "monitor", 329),
              kind("Mechanical Keyboard", "keyboard", 89), kind("Wireless Mouse", "mouse", 29),
              kind("65W USB-C Charger", "charger", 29), kind("Noise-Cancelling Headphones", "headphones", 229),
              kind("10-inch Tablet", "tablet", 349), kind("E-Reader", "e-reader", 129),
              kind("Action Camera", "camera", 219), kind("20000mAh Power Bank", "power bank", 39),
              kind("Smart Plug (2-Pack)", "smart plugs", 24), kind("14-inch Laptop", "laptop", 749)),
          List.of("Pro", "Mini", "Max", "X2", "Lite", "Plus", "2nd Gen", "S", "Air"),
          Style.BRAND_KIND_VARIANT),
      Category.FASHION, new Vocabulary(
          List.of("Northwind", "Marlow & Finch", "Urbanline", "Fjellrun", "Saltwater", "Ashby"),
          List.of(kind("Denim Jeans", "jeans", 59), kind("Crew-Neck T-Shirt", "t-shirt", 19),
              kind("Zip Hoodie", "hoodie", 45), kind("Running Sneakers", "sneakers", 89),
              kind("Leather Belt", "belt", 29), kind("Wool Coat", "coat", 169), kind("Summer Dress", "dress", 49),
              kind("Chino Trousers", "trousers", 49), kind("Rain Jacket", "jacket", 89),
              kind("Knit Sweater", "sweater", 59), kind("Baseball Cap", "cap", 19),
              kind("Leather Ankle Boots", "boots", 129), kind("Cotton Socks (5-Pack)", "socks", 14)),
          List.of("Navy", "Black", "Olive", "Charcoal", "Sand", "Burgundy", "White", "Denim Blue"),
          Style.KIND_COMMA_VARIANT),
      Category.HOME, new Vocabulary(
          List.of("Hearthstone", "Nordhaus", "Casa Verde", "Oakline", "Brightnest", "Kiln & Co."),
          List.of(kind("Ceramic Dinner Plates (Set of 4)", "plates", 39), kind("Scented Soy Candle", "candle", 18),
              kind("Cotton Bath Towels (Set of 2)", "towels", 29), kind("Cast-Iron Skillet", "skillet", 45),
              kind("LED Desk Lamp", "desk lamp", 39), kind("Knitted Throw Blanket", "blanket", 35),
              kind("Chef's Knife", "knife", 69), kind("Woven Storage Baskets (Set of 3)", "baskets", 29),
              kind("Burr Coffee Grinder", "coffee grinder", 59), kind("Robot Vacuum", "robot vacuum", 279),
              kind("Linen Bed Sheet Set", "bed sheets", 69), kind("Wall Clock", "wall clock", 29),
              kind("HEPA Air Purifier", "air purifier", 149)),
          List.of("Classic", "Minimalist", "Rustic", "Scandi", "Premium", "Essential", "Vintage"),
          Style.BRAND_VARIANT_KIND),
      Category.BEAUTY, new Vocabulary(
          List.of("Lumière", "Verdant", "Pure Ritual", "Silk & Stone", "Aqualis", "Maison Belle"),
          List.of(kind("Vitamin C Face Serum 30ml", "serum", 29), kind("Moisturising Cream 50ml", "moisturiser", 19),
              kind("Argan Oil Shampoo 250ml", "shampoo", 12), kind("Matte Lipstick", "lipstick", 17),
              kind("Eau de Parfum 50ml", "perfume", 69), kind("Ionic Hair Dryer", "hair dryer", 59),
              kind("Sunscreen SPF 50", "sunscreen", 15), kind("Electric Toothbrush", "toothbrush", 49),
              kind("Gel Nail Polish Set", "nail polish", 16), kind("Beard Trimmer", "trimmer", 45),
              kind("Clay Face Mask", "face mask", 14), kind("Makeup Brush Set", "brush set", 25)),
          List.of("Hydrating", "Sensitive Skin", "Night Repair", "Fragrance-Free", "Radiance", "Botanical"),
          Style.BRAND_VARIANT_KIND),
      Category.SPORTS, new Vocabulary(
          List.of("Peakform", "Stridewell", "Trailhead", "Corelite", "Apex Motion", "Bluefin"),
          List.of(kind("Non-Slip Yoga Mat", "yoga mat", 29), kind("Adjustable Dumbbell Set", "dumbbells", 99),
              kind("Running Shorts", "shorts", 25), kind("Cycling Helmet", "helmet", 69),
              kind("Resistance Bands (Set of 5)", "resistance bands", 19), kind("Tennis Racket", "racket", 89),
              kind("Match Football", "football", 25), kind("40L Hiking Backpack", "backpack", 99),
              kind("Fitness Tracker", "fitness tracker", 79), kind("Insulated Water Bottle", "water bottle", 19),
              kind("Foam Roller", "foam roller", 25), kind("2-Person Camping Tent", "tent", 179)),
          List.of("Pro", "Training", "Trail", "Competition", "Ultralight", "Everyday"),
          Style.BRAND_VARIANT_KIND),
      Category.BOOKS, new Vocabulary(
          List.of("Silent", "Hidden", "Last", "Golden", "Winter", "Forgotten", "Salt", "Paper", "Northern",
              "Quiet", "Burning", "Little"),
          List.of(kind("Mystery Novel", "novel", 12), kind("Cookbook", "cookbook", 24),
              kind("Science Fiction Novel", "novel", 13), kind("Travel Guide", "travel guide", 19),
              kind("Children's Picture Book", "picture book", 10), kind("Biography", "biography", 18),
              kind("Self-Help Book", "book", 15), kind("History Book", "book", 22),
              kind("Photography Book", "photo book", 39), kind("Graphic Novel", "graphic novel", 17)),
          List.of("Orchard", "Harbour", "Garden", "Kingdom", "Letters", "Kitchen", "Road", "Lighthouse", "River",
              "Summer", "Atlas", "Island"),
          Style.BOOK),
      Category.TOYS, new Vocabulary(
          List.of("Playnest", "Tinker Town", "Brightblocks", "Little Explorer", "Wonderbox", "Jolly Bear"),
          List.of(kind("Building Blocks Set", "building blocks", 39), kind("Wooden Train Set", "train set", 45),
              kind("Plush Teddy Bear", "teddy bear", 19), kind("Family Board Game", "board game", 29),
              kind("1000-Piece Jigsaw Puzzle", "puzzle", 17), kind("Remote-Control Car", "RC car", 49),
              kind("Wooden Doll House", "doll house", 79), kind("Arts & Crafts Kit", "craft kit", 22),
              kind("Science Experiment Kit", "science kit", 32), kind("Play Kitchen", "play kitchen", 99)),
          List.of("(Ages 3+)", "(Ages 5+)", "(Ages 8+)", "Deluxe", "Classic", "Starter"),
          Style.BRAND_KIND_VARIANT),
      Category.GROCERY, new Vocabulary(
          List.of("Greenfield", "Harvest Lane", "Bellamy's", "Nature's Pantry", "Old Mill", "Sunvale"),
          List.of(kind("Coffee Beans 1kg", "coffee", 18), kind("Green Tea (50 Bags)", "tea", 6),
              kind("Extra Virgin Olive Oil 1L", "olive oil", 12), kind("Dark Chocolate 85% 100g", "chocolate", 3.5),
              kind("Basmati Rice 2kg", "rice", 7), kind("Crunchy Granola 500g", "granola", 5),
              kind("Wildflower Honey 350g", "honey", 8), kind("Pasta Variety Pack", "pasta", 9),
              kind("Mixed Nuts 500g", "nuts", 11), kind("Sparkling Water (12-Pack)", "sparkling water", 7),
              kind("Protein Bars (12-Pack)", "protein bars", 22), kind("Spice Collection", "spices", 19)),
          List.of("Organic", "Fairtrade", "Family Size", "Value", "Premium", "Gluten-Free"),
          Style.BRAND_VARIANT_KIND));

  private ProductNames() {}

  private static ItemKind kind(final String title, final String noun, final double typicalPrice) {
    return new ItemKind(title, noun, typicalPrice);
  }

  /** The n-th kind of the category, cycling. */
  static ItemKind kind(final Category category, final int n) {
    final List<ItemKind> kinds = VOCABULARY.get(category).kinds();
    return kinds.get(n % kinds.size());
  }

  static String title(final Category category, final ItemKind kind, final RandomGenerator rng) {
    final Vocabulary v = VOCABULARY.get(category);
    final String brand = v.brands().get(rng.nextInt(v.brands().size()));
    final String variant = v.variants().get(rng.nextInt(v.variants().size()));
    return switch (v.style()) {
      case BRAND_KIND_VARIANT -> brand + " " + kind.title() + " " + variant;
      case BRAND_VARIANT_KIND -> brand + " " + variant + " " + kind.title();
      case KIND_COMMA_VARIANT -> brand + " " + kind.title() + ", " + variant;
      // Book "brands" and "variants" are the two words of a title; the kind is the genre.
      case BOOK -> "The " + brand + " " + variant + " – " + kind.title() + (rng.nextInt(3) == 0 ? " (Hardcover)" : " (Paperback)");
    };
  }
}
