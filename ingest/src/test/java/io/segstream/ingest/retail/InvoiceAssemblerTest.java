package io.segstream.ingest.retail;

import static io.segstream.ingest.retail.RetailRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceAssemblerTest {
  private final InvoiceAssembler a = new InvoiceAssembler(Duration.ofMinutes(10));
  private final List<Invoice> out = new ArrayList<>();

  private void add(final RetailRow r) {
    assertThat(a.add(r)).isEmpty();
    out.addAll(a.complete());
  }

  @Test
  void consecutiveRowsOfAnInvoiceBecomeOneInvoiceOnceTimeMovesOn() {
    add(row("536365", "A", 1, "2010-12-01T08:26", 1.0, "17850"));
    add(row("536365", "B", 2, "2010-12-01T08:26", 1.0, "17850"));
    add(row("536366", "C", 3, "2010-12-01T08:28", 1.0, "17850"));
    assertThat(out).as("still within the grace period").isEmpty();
    add(row("536367", "D", 3, "2010-12-01T08:40", 1.0, "13047"));
    assertThat(out).extracting(Invoice::invoiceNo).containsExactly("536365", "536366");
    assertThat(out.getFirst().rows()).hasSize(2);
    out.addAll(a.rest());
    assertThat(out).extracting(Invoice::invoiceNo).containsExactly("536365", "536366", "536367");
  }

  @Test
  void anInvoiceInterleavedWithAnotherStaysWhole() {
    // As in the file: 542806 is interrupted by C542805 and continues a minute later.
    add(row("542806", "48194", 1, "2011-02-01T11:19", 7.95, "12836"));
    add(row("C542805", "22156", -1, "2011-02-01T11:19", 0.85, "14606"));
    add(row("542806", "22692", 2, "2011-02-01T11:20", 7.95, "12836"));
    out.addAll(a.rest());
    assertThat(out).extracting(Invoice::invoiceNo).containsExactly("542806", "C542805");
    assertThat(out.getFirst().rows()).hasSize(2);
    assertThat(out.getFirst().time()).isEqualTo(LocalDateTime.parse("2011-02-01T11:19"));
    assertThat(out.get(1).cancellation()).isTrue();
  }

  @Test
  void aRowOfAnInvoiceAlreadyHandedOutIsLate() {
    add(row("536365", "A", 1, "2010-12-01T08:26", 1.0, "17850"));
    add(row("536366", "B", 1, "2010-12-01T09:00", 1.0, "17850"));
    assertThat(out).hasSize(1);
    assertThat(a.add(row("536365", "C", 1, "2010-12-01T09:00", 1.0, "17850"))).contains(SkipReason.LATE_ROW);
  }

  @Test
  void aRowClaimingAnotherCustomersInvoiceIsRefused() {
    add(row("536365", "A", 1, "2010-12-01T08:26", 1.0, "17850"));
    assertThat(a.add(row("536365", "B", 1, "2010-12-01T08:26", 1.0, "99999"))).contains(SkipReason.INVOICE_CUSTOMER_CONFLICT);
  }

  @Test
  void invoicesEarlierThanOneAlreadySentAreCountedAsOutOfOrder() {
    add(row("2", "A", 1, "2010-12-01T10:00", 1.0, "1"));
    a.observe(LocalDateTime.parse("2010-12-01T11:00"));
    out.addAll(a.complete());
    add(row("1", "A", 1, "2010-12-01T09:00", 1.0, "1"));
    out.addAll(a.rest());
    assertThat(out).extracting(Invoice::invoiceNo).containsExactly("2", "1");
    assertThat(a.outOfOrder()).isEqualTo(1);
  }

  @Test
  void oneRowWithAWrongDateDoesNotSplitTheInvoicesAfterIt() {
    add(row("536365", "A", 1, "2010-12-01T08:26", 1.0, "17850"));
    a.observe(LocalDateTime.parse("2031-01-01T00:00")); // a guest row with a typo in the year
    out.addAll(a.complete());
    add(row("536366", "A", 1, "2010-12-01T08:30", 1.0, "17850"));
    add(row("536366", "B", 1, "2010-12-01T08:31", 1.0, "17850"));
    out.addAll(a.rest());
    assertThat(out).extracting(i -> i.invoiceNo() + ":" + i.rows().size()).containsExactly("536365:1", "536366:2");
  }

  @Test
  void onlyTheLastFewMinutesAreHeld() {
    for (int i = 0; i < 1_000; i++) {
      add(row(Integer.toString(500_000 + i), "A", 1, LocalDateTime.parse("2011-01-01T00:00").plusMinutes(i).toString(),
          1.0, "1"));
    }
    assertThat(a.openInvoices()).isLessThanOrEqualTo(11);
    assertThat(out).hasSizeGreaterThan(980);
  }
}
