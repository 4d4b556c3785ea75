package io.segstream.ingest.retail;

import static io.segstream.ingest.retail.RetailRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceToEventsTest {
  private final InvoiceToEvents mapper = new InvoiceToEvents(RetailLimits.defaults());

  private static Invoice invoice(final String no, final String time, final RetailRow... rows) {
    return new Invoice(no, rows[0].customerId().orElseThrow(), no.startsWith("C"), LocalDateTime.parse(time), List.of(rows));
  }

  @Test
  void aSaleInvoiceIsOnePurchaseWithItsLines() {
    final MappedInvoice m = mapper.map(invoice("536365", "2010-12-01T08:26",
        row("536365", "85123A", 6, "2010-12-01T08:26", 2.55, "17850"),
        row("536365", "71053", 8, "2010-12-01T08:26", 3.39, "17850")));
    final UserEvent e = m.event().orElseThrow();
    assertThat(e.getUserId()).isEqualTo("17850");
    assertThat(e.getType()).isEqualTo(EventType.PURCHASE);
    assertThat(e.getOrderId()).isEqualTo("536365");
    assertThat(e.getEventId()).isEqualTo("online-retail-536365");
    assertThat(e.getTimestamp()).as("December: London is on UTC").isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    assertThat(e.getItems()).hasSize(2);
    final LineItem first = e.getItems().getFirst();
    assertThat(first.getProduct().getProductId()).isEqualTo("85123A");
    assertThat(first.getProduct().getName()).isEqualTo("ITEM 85123A");
    assertThat(first.getProduct().getCategory()).as("left for the text stage").isNull();
    assertThat(first.getProduct().getPrice()).isEqualTo(2.55);
    assertThat(first.getQuantity()).isEqualTo(6);
    assertThat(first.getDiscount()).isZero();
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.mergedRows()).isZero();
  }

  @Test
  void aCancellationIsAReturnWithPositiveQuantities() {
    final UserEvent e = mapper.map(invoice("C536379", "2011-06-01T09:41",
        row("C536379", "22556", -12, "2011-06-01T09:41", 1.65, "14527"))).event().orElseThrow();
    assertThat(e.getType()).isEqualTo(EventType.RETURN);
    assertThat(e.getOrderId()).isEqualTo("C536379");
    assertThat(e.getItems().getFirst().getQuantity()).isEqualTo(12);
    assertThat(e.getTimestamp()).as("June: London is on BST, UTC+1").isEqualTo(Instant.parse("2011-06-01T08:41:00Z"));
  }

  @Test
  void theSameProductAtTheSamePriceEnteredTwiceIsOneLine() {
    final MappedInvoice m = mapper.map(invoice("536409", "2010-12-01T11:45",
        row("536409", "85116", 1, "2010-12-01T11:45", 2.1, "17908"),
        row("536409", "22111", 1, "2010-12-01T11:45", 4.95, "17908"),
        row("536409", "85116", 5, "2010-12-01T11:45", 2.1, "17908"),
        row("536409", "85116", 2, "2010-12-01T11:45", 1.95, "17908"),
        row("536409", "15056bl", 1, "2010-12-01T11:45", 5.95, "17908"),
        row("536409", "15056BL", 1, "2010-12-01T11:45", 5.95, "17908")));
    final UserEvent e = m.event().orElseThrow();
    assertThat(e.getItems()).extracting(li -> li.getProduct().getProductId() + "x" + li.getQuantity() + "@"
        + li.getProduct().getPrice()).containsExactly("85116x6@2.1", "22111x1@4.95", "85116x2@1.95", "15056BLx2@5.95");
    assertThat(m.rows()).isEqualTo(6);
    assertThat(m.mergedRows()).isEqualTo(2);
  }

  @Test
  void aBlankDescriptionIsNoName() {
    final RetailRow r = new RetailRow(2, "536365", "22556", "", 1, LocalDateTime.parse("2010-12-01T08:26"), 1.0,
        java.util.Optional.of("1"), "UK");
    assertThat(mapper.map(invoice("536365", "2010-12-01T08:26", r)).event().orElseThrow().getItems().getFirst()
        .getProduct().getName()).isNull();
  }

  @Test
  void anInvoiceBeyondTheSystemsLimitsIsSkippedWholeNotDeadLettered() {
    final RetailLimits tight = new RetailLimits(2, 100, 1000, 65_536, RetailLimits.SHOP_ZONE, Duration.ofMinutes(10));
    final List<RetailRow> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row("536365", "2255" + i, 1, "2010-12-01T08:26", 1.0, "1"));
    }
    final MappedInvoice m = new InvoiceToEvents(tight).map(invoice("536365", "2010-12-01T08:26", rows.toArray(RetailRow[]::new)));
    assertThat(m.event()).isEmpty();
    assertThat(m.skipped()).contains(SkipReason.ORDER_OVER_LIMIT);
    assertThat(m.rows()).isEqualTo(3);

    final MappedInvoice merged = new InvoiceToEvents(tight).map(invoice("536366", "2010-12-01T08:26",
        row("536366", "A", 60, "2010-12-01T08:26", 1.0, "1"), row("536366", "A", 60, "2010-12-01T08:26", 1.0, "1")));
    assertThat(merged.skipped()).as("merged repeats add up beyond max-quantity").contains(SkipReason.QUANTITY_OVER_LIMIT);

    final RetailLimits small = new RetailLimits(1000, 100, 1000, 80, RetailLimits.SHOP_ZONE, Duration.ofMinutes(10));
    assertThat(new InvoiceToEvents(small).map(invoice("536365", "2010-12-01T08:26", rows.toArray(RetailRow[]::new))).skipped())
        .as("larger than max-event-bytes").contains(SkipReason.ORDER_OVER_LIMIT);
  }
}
