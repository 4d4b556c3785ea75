package io.segstream.ingest.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  static {
    AvroSerdes.USER_EVENT.getClass(); // registers the generated classes with Avro before builders fill in defaults
  }

  private static final HoldoutWindow WINDOW = new HoldoutWindow(HoldoutWindow.parseCutoff("2011-03-01"), Duration.ofDays(60));

  static UserEvent event(final String user, final EventType type, final String day, final int qty, final double price) {
    return UserEvent.newBuilder().setUserId(user).setType(type).setTimestamp(Instant.parse(day + "T12:00:00Z"))
        .setItems(List.of(LineItem.newBuilder().setProduct(Product.newBuilder().setProductId("p").setPrice(price).build())
            .setQuantity(qty).build())).build();
  }

  private static List<UserEvent> shop() {
    return List.of(
        event("a", EventType.PURCHASE, "2011-02-01", 1, 5), // out of order on purpose
        event("a", EventType.PURCHASE, "2011-01-01", 2, 10),
        event("b", EventType.PURCHASE, "2011-02-20", 1, 10),
        event("c", EventType.RETURN, "2011-02-25", 1, 4),
        event("a", EventType.PURCHASE, "2011-03-10", 1, 99),
        event("a", EventType.RETURN, "2011-03-11", 1, 99),
        event("b", EventType.RETURN, "2011-03-12", 1, 10),
        event("c", EventType.PURCHASE, "2011-04-01", 3, 2),
        event("d", EventType.PURCHASE, "2011-03-05", 1, 1), // new after the cutoff: nobody could segment them
        event("a", EventType.PURCHASE, "2011-06-15", 1, 1000)); // beyond the horizon
  }

  @Test
  void splitsAtTheCutoffAndReadsOutcomesInTheHorizon() {
    final Holdout h = Holdout.of(shop(), WINDOW);
    assertThat(WINDOW.cutoff()).isEqualTo(Instant.parse("2011-03-01T00:00:00Z"));
    assertThat(h.history()).extracting(UserEvent::getTimestamp).isSorted().hasSize(4);
    assertThat(h.laterEvents()).isEqualTo(5);
    assertThat(h.customers()).containsExactly(
        new HoldoutCustomer("a", 27.5, 2, 25, true, 99),
        new HoldoutCustomer("b", 8.5, 1, 10, false, 0),
        new HoldoutCustomer("c", Holdout.RECENCY_CAP_DAYS, 0, 0, true, 6));
    assertThat(h.repurchaseRate()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(h.logFutureSpend()).containsExactly(Math.log1p(99), 0, Math.log1p(6));
  }

  @Test
  void baselinesGroupTheSameCustomers() {
    final Holdout h = Holdout.of(shop(), WINDOW);
    final Partition rfm = Baselines.rfmSegments(h);
    assertThat(rfm.labels()).contains(Baselines.NO_ORDERS);
    assertThat(rfm.labels().get(rfm.groups()[2])).isEqualTo(Baselines.NO_ORDERS);
    // Recency quintiles over 3 customers: b (8.5 days) 5, a (27.5) 4, c (cap) 2 (ceil(5 × 1/3)).
    final Partition r = Baselines.recencyQuintile(h);
    assertThat(List.of(0, 1, 2).stream().map(i -> r.labels().get(r.groups()[i])).toList()).containsExactly("R=4", "R=5", "R=2");
    assertThat(Baselines.random(h, 2, 7).groups()).isEqualTo(Baselines.random(h, 2, 7).groups());
  }

  @Test
  void kMeansOnLogRfmFindsObviousGroups() {
    final List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      final boolean loyal = i % 2 == 0;
      for (int o = 0; o < (loyal ? 12 : 1); o++) {
        events.add(event("u" + i, EventType.PURCHASE, loyal ? "2011-02-" + (10 + o) : "2010-12-01", 1, loyal ? 200 : 3));
      }
    }
    final Holdout h = Holdout.of(events, WINDOW);
    final Partition p = Baselines.logRfmKMeans(h, 2, 42);
    assertThat(p.groupSizes()).containsExactlyInAnyOrder(15, 15);
    for (int i = 0; i < 30; i++) {
      assertThat(p.groups()[i] == p.groups()[0]).isEqualTo(h.customers().get(i).orders() == h.customers().get(0).orders());
    }
    assertThat(Baselines.logRfmKMeans(h, 1, 42).groupSizes()).containsExactly(30);
  }

  @Test
  void evaluationScoresTheSystemAndEveryBaselineOnTheCustomersItAssigned() {
    final Holdout h = Holdout.of(shop(), WINDOW);
    final Evaluation e = Evaluation.of(h, new SystemPartition(3, 2, Map.of(0, "Buyers", 1, "Others"),
        Map.of("a", 0, "b", 1, "c", 0, "d", 1, "x", -1)), 42);
    assertThat(e.holdout().customers()).extracting(HoldoutCustomer::userId).containsExactly("a", "b", "c");
    assertThat(e.rows()).extracting(PartitionScore::partition)
        .containsExactly("segstream", "RFM segments", "R quintile", "k-means on log RFM", "random");
    final PartitionScore system = e.rows().getFirst();
    assertThat(system.repurchaseAuc()).isEqualTo(1.0);
    assertThat(system.groups()).isEqualTo(2);
    assertThat(system.largestShare()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(system.sizes().getFirst().label()).isEqualTo("Buyers [0]");
    assertThat(EvaluationText.markdown(e)).anyMatch(l -> l.startsWith("| segstream | 2 | 1.000 |"));
    assertThat(EvaluationJson.of(e)).contains("\"partition\" : \"random\"");
    assertThat(Evaluation.of(h.restrictedTo(Set.of("a", "b", "c")), new SystemPartition(1, 1, Map.of(0, "All"),
        Map.of("a", 0, "b", 0)), 1).unassigned()).isEqualTo(1);
  }
}
