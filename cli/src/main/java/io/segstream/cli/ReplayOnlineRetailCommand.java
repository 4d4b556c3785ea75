package io.segstream.cli;

import io.segstream.avro.UserEvent;
import io.segstream.ingest.retail.OnlineRetailEvents;
import io.segstream.ingest.retail.RetailLimits;
import io.segstream.ingest.retail.RetailReport;
import io.segstream.ingest.retail.RetailTally;
import io.segstream.ingest.send.EventSink;
import io.segstream.ingest.send.EventTimePacer;
import io.segstream.ingest.send.ProgressBar;
import io.segstream.ingest.send.ProgressSnapshot;
import io.segstream.ingest.send.SendStats;
import io.segstream.core.io.CsvFormatException;
import io.segstream.core.io.InputFile;
import io.segstream.core.config.SegstreamConfig;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The UCI Online Retail transactions as segstream events, in event-time order. */
@Command(name = "online-retail", mixinStandardHelpOptions = true,
    description = {"Replay the UCI Online Retail transactions (CSV: InvoiceNo,StockCode,Description,Quantity,"
        + "InvoiceDate,UnitPrice,CustomerID,Country) as PURCHASE and RETURN events, one per invoice, in event-time order.",
        "Guest rows, postage, fees, adjustments, zero-price lines and other odd rows are left out and counted by reason."})
final class ReplayOnlineRetailCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The Online Retail CSV (or .csv.gz).")
  Path data;

  @Option(names = "--speedup", paramLabel = "X",
      description = "Send in event time with the gaps compressed X times (timestamps stay historical);"
          + " default: as fast as the cluster takes it.")
  Double speedup;

  @Option(names = "--limit", paramLabel = "N", description = "Read only the first N data rows.")
  Long limit;

  @Option(names = "--zone", defaultValue = "Europe/London", paramLabel = "ZONE",
      description = "Time zone of the file's InvoiceDate (default ${DEFAULT-VALUE}: the shop is in the UK).")
  ZoneId zone;

  @Mixin SinkOptions sink;

  @Override
  public Integer call() throws Exception {
    if (speedup != null && !(speedup > 0)) {
      throw new SegstreamCommand.UsageError("--speedup must be positive (e.g. 100000 plays a month in ~26 s), was " + speedup);
    }
    if (limit != null && limit < 1) {
      throw new SegstreamCommand.UsageError("--limit must be at least 1, was " + limit);
    }
    final PrintStream out = System.out;
    final SegstreamConfig c = sink.load();
    final RetailLimits limits = RetailLimits.of(c.validation()).withZone(zone);
    final EventTimePacer pacer = speedup == null ? EventTimePacer.unpaced() : EventTimePacer.compressed(speedup);
    final InputFile file;
    try {
      file = InputFile.open(data);
    } catch (final NoSuchFileException e) {
      throw new SegstreamCommand.UsageError("--data " + data + ": no such file (the data set is in"
          + " ../shared/data/online-retail/ next to the repository, see its README)");
    }
    try (file; EventSink events = sink.open(c, "segstream-replay")) {
      final OnlineRetailEvents source;
      try {
        source = new OnlineRetailEvents(file.reader(), limits, limit == null ? Long.MAX_VALUE : limit);
      } catch (final IllegalArgumentException e) {
        throw new SegstreamCommand.UsageError("--data " + data + ": " + e.getMessage());
      }
      out.printf(Locale.ROOT, "replaying %s %s%s%n", data, sink.dryRun ? "(dry run: nothing is sent)"
          : "to " + sink.topic(c) + " on " + String.join(",", c.bootstrapServers()),
          speedup == null ? "" : String.format(Locale.ROOT, " at %,.0fx event time", speedup));
      final RetailTally tally = source.tally();
      final long startedAt = System.nanoTime();
      try (ProgressBar bar = ProgressBar.start(out, "rows")) {
        Optional<UserEvent> next;
        while ((next = source.next()).isPresent()) {
          final UserEvent e = next.get();
          pacer.awaitTurn(e.getTimestamp());
          events.send(e);
          bar.update(new ProgressSnapshot(file.fractionRead(), tally.rowsRead(), tally.skipped(),
              events.stats(), Optional.of(e.getTimestamp())));
        }
        events.flush();
        bar.update(new ProgressSnapshot(1.0, tally.rowsRead(), tally.skipped(), events.stats(),
            tally.lastEventTime()));
      } catch (final CsvFormatException e) {
        throw new SegstreamCommand.UsageError("--data " + data + ": " + e.getMessage());
      }
      final double seconds = (System.nanoTime() - startedAt) / 1e9;
      final SendStats sent = events.stats();
      RetailReport.lines(tally, source.outOfOrderInvoices()).forEach(out::println);
      out.printf(Locale.ROOT, "%-36s %,10d acknowledged, %,d failed in %.1f s (%,.0f events/s)%n",
          sink.dryRun ? "counted (dry run)" : "sent", sent.acknowledged(), sent.failed(), seconds,
          sent.acknowledged() / Math.max(seconds, 1e-3));
      sent.firstError().ifPresent(err -> out.println("first send error: " + err));
      return sent.failed() == 0 ? 0 : 1;
    }
  }
}
