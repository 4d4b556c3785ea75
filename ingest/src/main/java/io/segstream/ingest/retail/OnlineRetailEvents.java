package io.segstream.ingest.retail;

import io.segstream.avro.UserEvent;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The UCI Online Retail file as a stream of segstream events in event-time order: read a row, classify it,
 * assemble invoices, map each complete invoice. Pull-based, so memory holds only the invoices of the last
 * few minutes of the file, whatever its size.
 */
public final class OnlineRetailEvents {
  private final OnlineRetailReader reader;
  private final LineClassifier classifier;
  private final InvoiceAssembler assembler;
  private final InvoiceToEvents mapper;
  private final long rowLimit;
  private final RetailTally tally = new RetailTally();
  private final ArrayDeque<UserEvent> ready = new ArrayDeque<>();
  private boolean inputDone;

  /** @param rowLimit read at most this many data rows (an invoice cut by the limit is sent with the rows read) */
  public OnlineRetailEvents(final Reader in, final RetailLimits limits, final long rowLimit) {
    this.reader = new OnlineRetailReader(in);
    this.classifier = new LineClassifier(limits);
    this.assembler = new InvoiceAssembler(limits.invoiceGrace());
    this.mapper = new InvoiceToEvents(limits);
    this.rowLimit = rowLimit;
  }

  /** The next event, or empty when the file (or the row limit) is exhausted. */
  public Optional<UserEvent> next() {
    while (ready.isEmpty() && !inputDone) {
      final Optional<ReadResult> r = tally.rowsRead() < rowLimit ? reader.next() : Optional.empty();
      if (r.isEmpty()) {
        inputDone = true;
        emit(assembler.rest());
        break;
      }
      tally.read();
      switch (r.get()) {
        case ReadResult.Malformed m -> tally.malformed(m.line(), m.problem());
        case ReadResult.Row(RetailRow row) -> {
          assembler.observe(row.invoiceDate());
          final Optional<SkipReason> why = classifier.skipReason(row).or(() -> assembler.add(row));
          why.ifPresent(w -> tally.skip(w, 1));
          emit(assembler.complete());
        }
      }
    }
    return Optional.ofNullable(ready.poll());
  }

  private void emit(final List<Invoice> invoices) {
    for (final Invoice inv : invoices) {
      final MappedInvoice m = mapper.map(inv);
      m.skipped().ifPresent(w -> tally.skip(w, m.rows()));
      m.event().ifPresent(e -> {
        tally.mapped(e, m.rows(), m.mergedRows());
        ready.add(e);
      });
    }
  }

  public RetailTally tally() {
    return tally;
  }

  /** Invoices that started before one already sent: the file was out of time order there (sent anyway). */
  public long outOfOrderInvoices() {
    return assembler.outOfOrder();
  }
}
