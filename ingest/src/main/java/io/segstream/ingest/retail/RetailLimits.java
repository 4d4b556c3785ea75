package io.segstream.ingest.retail;

import io.segstream.core.config.SegstreamConfig;
import java.time.Duration;
import java.time.ZoneId;

/**
 * What the mapping must respect: the system's input limits (so rows the streams app would dead-letter are
 * counted here instead), the zone the file's local invoice times are in, and how long an invoice stays open
 * for rows that arrive interleaved with other invoices.
 */
public record RetailLimits(int maxItems, int maxQuantity, double maxPrice, int maxEventBytes, ZoneId zone,
    Duration invoiceGrace) {

  /** The shop is in the UK: its invoice times are London local time. */
  public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
  /** Rows of one invoice in the file are at most a minute apart, and one invoice interleaves with another. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

  public static RetailLimits of(final SegstreamConfig.Validation v) {
    return new RetailLimits(v.maxItems(), v.maxQuantity(), v.maxPrice(), v.maxEventBytes(), SHOP_ZONE, DEFAULT_GRACE);
  }

  public static RetailLimits defaults() {
    return of(SegstreamConfig.defaults().validation());
  }

  public RetailLimits withZone(final ZoneId z) {
    return new RetailLimits(maxItems, maxQuantity, maxPrice, maxEventBytes, z, invoiceGrace);
  }
}
