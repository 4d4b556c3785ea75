package io.segstream.core.features;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Terse builders for test events. */
public final class Events {
  public static final long DAY = 86_400_000L;
  public static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private Events() {}

  public static Product product(final String id, final String category, final double price) {
    return Product.newBuilder().setProductId(id).setCategory(category).setPrice(price).build();
  }

  public static UserEvent view(final String user, final long t, final String session, final String category) {
    return base(user, t, session, EventType.PAGE_VIEW).setProduct(product("p-" + category, category, 10)).build();
  }

  public static UserEvent cartAdd(final String user, final long t, final String session) {
    return base(user, t, session, EventType.ADD_TO_CART).setProduct(product("p1", "home", 10)).build();
  }

  public static UserEvent purchase(final String user, final long t, final String session, final double price,
      final int quantity, final double discount) {
    final LineItem li = LineItem.newBuilder().setProduct(product("p1", "home", price)).setQuantity(quantity)
        .setDiscount(discount).build();
    return base(user, t, session, EventType.PURCHASE).setOrderId("o" + t).setItems(List.of(li)).build();
  }

  public static UserEvent review(final String user, final long t, final int rating, final Map<String, Double> signals) {
    return base(user, t, "r" + t, EventType.REVIEW).setProduct(product("p1", "home", 10))
        .setReview(Review.newBuilder().setRating(rating).setText("text").setSignals(signals).build()).build();
  }

  public static UserEvent.Builder base(final String user, final long t, final String session, final EventType type) {
    return UserEvent.newBuilder().setUserId(user).setType(type).setTimestamp(Instant.ofEpochMilli(t)).setSessionId(session);
  }
}
