package io.segstream.ingest.retail;

import static io.segstream.ingest.retail.RetailRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineClassifierTest {
  private static final String T = "2011-03-01T10:00";
  private final LineClassifier c = new LineClassifier(RetailLimits.defaults());

  @Test
  void merchandiseBoughtOrReturnedByACustomerIsKept() {
    assertThat(c.skipReason(row("536365", "85123A", 6, T, 2.55, "17850"))).isEmpty();
    assertThat(c.skipReason(row("C536379", "22556", -12, T, 1.65, "14527"))).isEmpty();
    assertThat(c.skipReason(row("536365", "DCGS0004", 1, T, 4.95, "17850"))).as("dotcom products are products").isEmpty();
  }

  @Test
  void everyOddRowHasItsReason() {
    assertThat(c.skipReason(row("536365", "85123A", 6, T, 2.55, ""))).contains(SkipReason.GUEST);
    assertThat(c.skipReason(row("536365", "POST", 3, T, 18.0, "12583"))).contains(SkipReason.POSTAGE);
    assertThat(c.skipReason(row("536365", "DOT", 1, T, 569.77, "17850"))).contains(SkipReason.POSTAGE);
    assertThat(c.skipReason(row("536365", "C2", 1, T, 50.0, "17850"))).contains(SkipReason.POSTAGE);
    assertThat(c.skipReason(row("536365", "BANK CHARGES", 1, T, 15.0, "17850"))).contains(SkipReason.FEE);
    assertThat(c.skipReason(row("C536365", "AMAZONFEE", -1, T, 1.0, "17850"))).contains(SkipReason.FEE);
    assertThat(c.skipReason(row("536365", "CRUK", -1, T, 1.6, "17850"))).contains(SkipReason.FEE);
    assertThat(c.skipReason(row("536365", "M", 1, T, 0.85, "17850"))).contains(SkipReason.MANUAL);
    assertThat(c.skipReason(row("536365", "m", 1, T, 2.55, "17850"))).contains(SkipReason.MANUAL);
    assertThat(c.skipReason(row("C536379", "D", -1, T, 27.5, "14527"))).contains(SkipReason.DISCOUNT);
    assertThat(c.skipReason(row("A563185", "B", 1, T, 11062.06, "17850"))).contains(SkipReason.BAD_DEBT);
    assertThat(c.skipReason(row("536365", "S", -1, T, 3.0, "17850"))).contains(SkipReason.SAMPLES);
    assertThat(c.skipReason(row("536365", "gift_0001_20", 1, T, 17.02, "17850"))).contains(SkipReason.GIFT_VOUCHER);
    assertThat(c.skipReason(row("X536365", "22556", 1, T, 1.0, "17850"))).contains(SkipReason.UNKNOWN_INVOICE);
    assertThat(c.skipReason(row("536365", "22556", 1, T, -1.0, "17850"))).contains(SkipReason.NEGATIVE_PRICE);
    assertThat(c.skipReason(row("537197", "22841", 1, T, 0.0, "12647"))).contains(SkipReason.ZERO_PRICE);
    assertThat(c.skipReason(row("536365", "22556", 0, T, 1.0, "17850"))).contains(SkipReason.ZERO_QUANTITY);
    assertThat(c.skipReason(row("536365", "22556", -5, T, 1.0, "17850"))).contains(SkipReason.NEGATIVE_QUANTITY_ON_SALE);
    assertThat(c.skipReason(row("C536365", "22556", 5, T, 1.0, "17850"))).contains(SkipReason.POSITIVE_QUANTITY_ON_CANCELLATION);
    assertThat(c.skipReason(row("536365", "22556", 100_001, T, 1.0, "17850"))).contains(SkipReason.QUANTITY_OVER_LIMIT);
    assertThat(c.skipReason(row("536365", "22556", 1, T, 2_000_000.0, "17850"))).contains(SkipReason.PRICE_OVER_LIMIT);
  }

  @Test
  void theFirstApplicableReasonWins() {
    // A guest's zero-price postage line counts once, as a guest row.
    assertThat(c.skipReason(row("536365", "POST", 1, T, 0.0, ""))).contains(SkipReason.GUEST);
    assertThat(c.skipReason(row("536365", "POST", 1, T, 0.0, "17850"))).contains(SkipReason.POSTAGE);
  }
}
