package io.segstream.streams.text;

import io.segstream.avro.Product;
import io.segstream.core.features.CategoryResolver;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The category of a product on the hot path: the shop's own when it sends one, else the one the text stage
 * derived from the product's name (global store {@link #STORE}, fed by the compacted categories topic),
 * else {@code other}. Answers from an in-memory cache; the store is read only on a cache miss, and the
 * store's updater writes new answers into the cache, so a product classified later is picked up at once.
 *
 * <p>Shared by every stream thread and the global thread of one Kafka Streams instance; thread-safe.
 */
public final class ProductCategories implements CategoryResolver {
  public static final String STORE = "product-categories";
  /** Past this many products the cache starts over (it refills from the store): memory stays bounded. */
  private static final int CACHE_LIMIT = 200_000;
  /** Cached "not classified (yet)"; replaced by the updater when an answer arrives. */
  private static final String UNKNOWN = "\u0000unknown";

  private final CategoryResolver shop;
  private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
  private volatile Optional<ReadOnlyKeyValueStore<String, String>> store = Optional.empty();

  /** @param shop how a product the shop did categorise is resolved (usually {@link CategoryResolver#shopCategory}) */
  public ProductCategories(final CategoryResolver shop) {
    this.shop = shop;
  }

  @Override
  public String categoryOf(final Product p) {
    if (p.getCategory() != null && !p.getCategory().isBlank()) {
      return shop.categoryOf(p);
    }
    final String id = p.getProductId();
    String c = cache.get(id);
    if (c == null) {
      final Optional<ReadOnlyKeyValueStore<String, String>> s = store;
      if (s.isEmpty()) {
        return shop.categoryOf(p); // not restored yet: do not remember a guess
      }
      final String stored = s.get().get(id);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      // putIfAbsent: an answer the updater wrote meanwhile must not be overwritten by this older miss.
      final String previous = cache.putIfAbsent(id, stored == null ? UNKNOWN : stored);
      c = previous != null ? previous : stored == null ? UNKNOWN : stored;
    }
    return c.equals(UNKNOWN) ? shop.categoryOf(p) : c;
  }

  void attach(final ReadOnlyKeyValueStore<String, String> restored) {
    store = Optional.of(restored);
  }

  void learned(final String productId, final String category) {
    cache.put(productId, category);
  }

  void forgotten(final String productId) {
    cache.remove(productId);
  }
}
