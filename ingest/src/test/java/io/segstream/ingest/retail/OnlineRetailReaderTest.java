package io.segstream.ingest.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnlineRetailReaderTest {
  @Test
  void readsTheFilesOwnFormat() {
    final OnlineRetailReader r = new OnlineRetailReader(new StringReader(RetailRows.HEADER
        + "536365,85123A,\"HANGING HEART, WHITE\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"));
    final RetailRow row = ((ReadResult.Row) r.next().orElseThrow()).row();
    assertThat(row.invoiceNo()).isEqualTo("536365");
    assertThat(row.description()).isEqualTo("HANGING HEART, WHITE");
    assertThat(row.quantity()).isEqualTo(6);
    assertThat(row.invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
    assertThat(row.unitPrice()).isEqualTo(2.55);
    assertThat(row.customerId()).contains("17850");
    assertThat(row.line()).isEqualTo(2);
    assertThat(r.next()).isEmpty();
  }

  @Test
  void findsColumnsByNameSoAReorderedExportReads() {
    final OnlineRetailReader r = new OnlineRetailReader(new StringReader(
        "CustomerID,Country,InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice\n"
            + ",France,C536379,D,Discount,-1,2010-12-01T09:41,27.5\n"));
    final RetailRow row = ((ReadResult.Row) r.next().orElseThrow()).row();
    assertThat(row.customerId()).isEmpty();
    assertThat(row.cancellation()).isTrue();
    assertThat(row.quantity()).isEqualTo(-1);
    assertThat(row.country()).isEqualTo("France");
  }

  @Test
  void customerIdsWrittenAsFloatsBecomeIntegers() {
    assertThat(OnlineRetailReader.customerId("17850.0")).contains("17850");
    assertThat(OnlineRetailReader.customerId("12346")).contains("12346");
    assertThat(OnlineRetailReader.customerId("")).isEmpty();
  }

  @Test
  void unparseableRowsComeBackAsMalformedWithTheColumn() {
    final OnlineRetailReader r = new OnlineRetailReader(new StringReader(RetailRows.HEADER
        + "536365,85123A,X,six,2010-12-01 08:26:00,2.55,17850.0,UK\n"
        + "536365,85123A,X,6,yesterday,2.55,17850.0,UK\n"
        + "536365,85123A,X,6,2010-12-01 08:26:00,cheap,17850.0,UK\n"
        + "536365,85123A,X,6,2010-12-01 08:26:00,2.55,17850.5,UK\n"
        + "536365,85123A,X\n"));
    assertThat(problem(r.next())).contains("Quantity 'six'");
    assertThat(problem(r.next())).contains("InvoiceDate 'yesterday'");
    assertThat(problem(r.next())).contains("UnitPrice 'cheap'");
    assertThat(problem(r.next())).contains("CustomerID '17850.5'");
    final ReadResult last = r.next().orElseThrow();
    assertThat(problem(Optional.of(last))).contains("3 fields, expected 8");
    assertThat(last.line()).isEqualTo(6);
  }

  @Test
  void aFileWithoutTheColumnsIsRefusedNamingWhatIsMissing() {
    assertThatThrownBy(() -> new OnlineRetailReader(new StringReader("user,time\n1,2\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InvoiceNo").hasMessageContaining("CustomerID");
    assertThatThrownBy(() -> new OnlineRetailReader(new StringReader("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  private static String problem(final Optional<ReadResult> r) {
    return ((ReadResult.Malformed) r.orElseThrow()).problem();
  }
}
