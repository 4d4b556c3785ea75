package io.segstream.ingest.retail;

import io.segstream.avro.UserEvent;
import java.util.Optional;

/**
 * An invoice as an event, or why it could not become one.
 *
 * @param mergedRows rows folded into an earlier line of the same product at the same price
 */
public record MappedInvoice(Optional<UserEvent> event, Optional<SkipReason> skipped, int rows, int mergedRows) {
  static MappedInvoice of(final UserEvent e, final int rows, final int merged) {
    return new MappedInvoice(Optional.of(e), Optional.empty(), rows, merged);
  }

  static MappedInvoice skipped(final SkipReason why, final int rows) {
    return new MappedInvoice(Optional.empty(), Optional.of(why), rows, 0);
  }
}
