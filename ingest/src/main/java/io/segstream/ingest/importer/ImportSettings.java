package io.segstream.ingest.importer;

import io.segstream.core.config.SegstreamConfig;
import java.time.ZoneId;
import java.util.Optional;

/**
 * @param zone the zone of timestamps written without an offset; empty = such timestamps are errors
 * @param limits the streams app's input limits, applied while reading
 */
public record ImportSettings(Optional<ZoneId> zone, SegstreamConfig.Validation limits) {
  static final String TYPES = "PAGE_VIEW, ADD_TO_CART, REMOVE_FROM_CART, PURCHASE, RETURN, REVIEW";

  public static ImportSettings defaults() {
    return new ImportSettings(Optional.empty(), SegstreamConfig.defaults().validation());
  }
}
