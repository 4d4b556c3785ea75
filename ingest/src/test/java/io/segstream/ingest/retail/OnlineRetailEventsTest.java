package io.segstream.ingest.retail;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole mapping on a hand-written file with one of every case, as the file writes them. */
class OnlineRetailEventsTest {
  private static final String FILE = RetailRows.HEADER
      + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
      + "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
      + "536365,POST,POSTAGE,1,2010-12-01 08:26:00,18.0,17850.0,United Kingdom\n"
      + "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom\n"
      + "536367,22745,\"POPPY'S PLAYHOUSE, BEDROOM\",6,2010-12-01 08:34:00,2.1,13047.0,United Kingdom\n"
      + "536367,22745,\"POPPY'S PLAYHOUSE, BEDROOM\",6,2010-12-01 08:34:00,2.1,13047.0,United Kingdom\n"
      + "536367,22841,ROUND CAKE TIN VINTAGE GREEN,1,2010-12-01 08:34:00,0.0,13047.0,United Kingdom\n"
      + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n"
      + "C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311.0,United Kingdom\n"
      + "536384,M,Manual,1,2010-12-01 09:53:00,0.85,18074.0,United Kingdom\n"
      + "536385,22783,SET 3 WICKER OVAL BASKETS,-4,2010-12-01 09:56:00,0.0,,United Kingdom\n"
      + "536386,84880,WHITE WIRE EGG HOLDER,thirty,2010-12-01 09:57:00,4.95,16029.0,United Kingdom\n"
      + "A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom\n"
      + "536387,79321,CHILLI LIGHTS,192,2010-12-01 09:58:00,3.82,16029.0,United Kingdom\n";

  private static List<UserEvent> all(final OnlineRetailEvents source) {
    final List<UserEvent> out = new ArrayList<>();
    Optional<UserEvent> e;
    while ((e = source.next()).isPresent()) {
      out.add(e.get());
    }
    return out;
  }

  @Test
  void everyRowEndsUpInAnEventOrCountedUnderOneReason() {
    final OnlineRetailEvents source = new OnlineRetailEvents(new StringReader(FILE), RetailLimits.defaults(), Long.MAX_VALUE);
    final List<UserEvent> events = all(source);
    final RetailTally t = source.tally();

    assertThat(events).extracting(e -> e.getType() + " " + e.getOrderId() + " " + e.getUserId()).containsExactly(
        "PURCHASE 536365 17850", "PURCHASE 536367 13047", "RETURN C536383 15311", "PURCHASE 536387 16029");
    assertThat(events.get(1).getItems()).as("the duplicated playhouse line is one line of 12").hasSize(1);
    assertThat(events.get(1).getItems().getFirst().getQuantity()).isEqualTo(12);
    assertThat(events.get(1).getItems().getFirst().getProduct().getName()).isEqualTo("POPPY'S PLAYHOUSE, BEDROOM");

    assertThat(t.rowsRead()).isEqualTo(14);
    assertThat(t.rowsInEvents()).isEqualTo(6);
    assertThat(t.mergedRows()).isEqualTo(1);
    assertThat(t.skippedByReason()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        SkipReason.MALFORMED, 1L, SkipReason.GUEST, 3L, SkipReason.POSTAGE, 1L, SkipReason.ZERO_PRICE, 1L,
        SkipReason.DISCOUNT, 1L, SkipReason.MANUAL, 1L));
    assertThat(t.rowsInEvents() + t.skipped()).isEqualTo(t.rowsRead());
    assertThat(t.purchases()).isEqualTo(3);
    assertThat(t.returns()).isEqualTo(1);
    assertThat(t.users()).isEqualTo(4);
    assertThat(t.malformedExamples()).singleElement().asString().contains("line 13").contains("Quantity 'thirty'");
    assertThat(source.outOfOrderInvoices()).as("the A invoice of August sits in December's rows, but it is skipped").isZero();
  }

  @Test
  void theLimitCountsDataRows() {
    final OnlineRetailEvents source = new OnlineRetailEvents(new StringReader(FILE), RetailLimits.defaults(), 4);
    final List<UserEvent> events = all(source);
    assertThat(source.tally().rowsRead()).isEqualTo(4);
    assertThat(events).extracting(UserEvent::getType).containsExactly(EventType.PURCHASE);
    assertThat(source.tally().rowsInEvents() + source.tally().skipped()).isEqualTo(4);
  }
}
