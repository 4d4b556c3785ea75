package io.segstream.ingest.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmAccumulatorTest {
  static {
    // Loading the serde registers segstream's generated classes with Avro's class-security policy, which
    // builders need when they fill in default values; in production the importers have always loaded it.
    AvroSerdes.USER_EVENT.getClass();
  }

  static UserEvent order(final String user, final EventType type, final String time, final int qty, final double price,
      final double discount) {
    return UserEvent.newBuilder().setUserId(user).setType(type).setTimestamp(Instant.parse(time))
        .setItems(List.of(LineItem.newBuilder().setProduct(Product.newBuilder().setProductId("p").setPrice(price).build())
            .setQuantity(qty).setDiscount(discount).build())).build();
  }

  @Test
  void recencyFrequencyAndMoneyFromTheEvents() {
    final RfmAccumulator acc = new RfmAccumulator();
    acc.add(order("a", EventType.PURCHASE, "2011-01-01T00:00:00Z", 2, 10, 0));
    acc.add(order("a", EventType.PURCHASE, "2011-01-21T12:00:00Z", 1, 100, 0.5));
    acc.add(order("a", EventType.RETURN, "2011-01-22T00:00:00Z", 1, 10, 0));
    acc.add(order("b", EventType.RETURN, "2011-01-30T00:00:00Z", 1, 10, 0));
    acc.add(UserEvent.newBuilder().setUserId("c").setType(EventType.PAGE_VIEW).setTimestamp(Instant.parse("2011-01-31T00:00:00Z"))
        .setProduct(Product.newBuilder().setProductId("p").build()).build());

    assertThat(acc.latestEvent()).contains(Instant.parse("2011-01-31T00:00:00Z"));
    final List<CustomerRfm> customers = acc.customers(acc.latestEvent().orElseThrow());
    assertThat(customers).singleElement().satisfies(a -> {
      assertThat(a.userId()).isEqualTo("a");
      assertThat(a.recencyDays()).isCloseTo(9.5, within(1e-9));
      assertThat(a.orders()).isEqualTo(2);
      assertThat(a.spend()).isCloseTo(70.0, within(1e-9));
      assertThat(a.returned()).isCloseTo(10.0, within(1e-9));
    });
    assertThat(acc.withoutOrders()).containsExactly("b", "c");
  }

  @Test
  void scoringPutsTheBestCustomersInChampionsAndTheLapsedInLost() {
    final RfmAccumulator acc = new RfmAccumulator();
    // 10 customers: u0 ordered 10 times up to yesterday ... u9 once, long ago.
    for (int u = 0; u < 10; u++) {
      for (int k = 0; k < 10 - u; k++) {
        acc.add(order("u" + u, EventType.PURCHASE, Instant.parse("2011-08-01T00:00:00Z").minusSeconds(86_400L * (u * 20 + k))
            .toString(), 1, 10, 0));
      }
    }
    final List<RfmScore> scores = RfmScoring.score(acc.customers(Instant.parse("2011-08-02T00:00:00Z")));
    final Map<String, RfmSegment> seg = scores.stream().collect(Collectors.toMap(s -> s.customer().userId(), RfmScore::segment));
    assertThat(seg.get("u0")).isEqualTo(RfmSegment.CHAMPIONS);
    assertThat(seg.get("u9")).isEqualTo(RfmSegment.LOST);
    assertThat(scores).isSortedAccordingTo(Comparator.comparing(s -> s.customer().userId()));
    assertThat(scores.stream().filter(s -> s.customer().userId().equals("u0")).findFirst().orElseThrow().m()).isEqualTo(5);
  }
}
