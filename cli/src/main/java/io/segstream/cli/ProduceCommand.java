package io.segstream.cli;

import io.segstream.avro.UserEvent;
import io.segstream.ingest.importer.DeadLetterFile;
import io.segstream.ingest.importer.EventSource;
import io.segstream.ingest.importer.ImportFormat;
import io.segstream.ingest.importer.ImportSettings;
import io.segstream.ingest.importer.ImportTally;
import io.segstream.ingest.importer.ParsedEvent;
import io.segstream.ingest.send.EventSink;
import io.segstream.ingest.send.ProgressBar;
import io.segstream.ingest.send.ProgressSnapshot;
import io.segstream.ingest.send.SendStats;
import io.segstream.core.io.CsvFormatException;
import io.segstream.core.io.InputFile;
import io.segstream.core.config.SegstreamConfig;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A user's own export (JSON lines or flat CSV) as UserEvents on a topic. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {"Send your own shop events from a JSON-lines or CSV file to the events topic.",
        "jsonl: one UserEvent per line, the contract's field names; csv: columns user_id,type,timestamp,event_id,"
            + "session_id,order_id,product_id,product_name,category,price,quantity,discount,rating,review_text, one row"
            + " per event or per order line. Details: docs/import-formats.md.",
        "Invalid records are skipped, reported with their line and field, counted, and optionally written to --dead-letter."})
final class ProduceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The file (.jsonl, .ndjson, .csv; .gz compressed too).")
  Path file;

  @Option(names = "--format", paramLabel = "jsonl|csv", description = "File format (default: from the file name).")
  String format;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Zone of timestamps written without an offset, e.g. Europe/Berlin (default: such timestamps are errors).")
  ZoneId zone;

  @Option(names = "--dead-letter", paramLabel = "FILE",
      description = "Write rejected records here as JSON lines {line, field, error, record}.")
  Path deadLetter;

  @Option(names = "--max-errors", defaultValue = "1000", paramLabel = "N",
      description = "Give up after more than N rejected records: the file is probably not in this format (default ${DEFAULT-VALUE}; -1 = never).")
  long maxErrors;

  @Mixin SinkOptions sink;

  @Override
  public Integer call() throws Exception {
    final ImportFormat fmt = format(file, format);
    final PrintStream out = System.out;
    final SegstreamConfig c = sink.load();
    final ImportSettings settings = new ImportSettings(Optional.ofNullable(zone), c.validation());
    final InputFile input;
    try {
      input = InputFile.open(file);
    } catch (final NoSuchFileException e) {
      throw new SegstreamCommand.UsageError(file + ": no such file");
    }
    try (input; EventSink events = sink.open(c, "segstream-produce");
        DeadLetterFile dead = deadLetter == null ? null : DeadLetterFile.create(deadLetter)) {
      final EventSource source;
      try {
        source = fmt.open(input.reader(), settings);
      } catch (final IllegalArgumentException e) {
        throw new SegstreamCommand.UsageError(file + ": " + e.getMessage());
      }
      out.printf(Locale.ROOT, "producing %s (%s) %s%n", file, fmt.name().toLowerCase(Locale.ROOT),
          sink.dryRun ? "(dry run: nothing is sent)" : "to " + sink.topic(c) + " on " + String.join(",", c.bootstrapServers()));
      final ImportTally tally = new ImportTally();
      final long startedAt = System.nanoTime();
      boolean gaveUp = false;
      try (ProgressBar bar = ProgressBar.start(out, "lines")) {
        Optional<ParsedEvent> next;
        Optional<Instant> latest = Optional.empty();
        while ((next = source.next()).isPresent()) {
          switch (next.get()) {
            case ParsedEvent.Valid(long _, UserEvent e) -> {
              events.send(e);
              tally.accepted(e.getType());
              if (latest.isEmpty() || e.getTimestamp().isAfter(latest.get())) {
                latest = Optional.of(e.getTimestamp());
              }
            }
            case ParsedEvent.Invalid bad -> {
              tally.rejected(bad);
              if (dead != null) {
                dead.write(bad);
              }
            }
          }
          bar.update(new ProgressSnapshot(input.fractionRead(), source.linesRead(), tally.rejectedLines(),
              events.stats(), latest));
          if (maxErrors >= 0 && tally.rejected() > maxErrors) {
            gaveUp = true;
            break;
          }
        }
        events.flush();
        bar.update(new ProgressSnapshot(gaveUp ? input.fractionRead() : 1.0, source.linesRead(),
            tally.rejectedLines(), events.stats(), latest));
      } catch (final CsvFormatException e) {
        throw new SegstreamCommand.UsageError(file + ": " + e.getMessage());
      }
      final double seconds = (System.nanoTime() - startedAt) / 1e9;
      final SendStats sent = events.stats();
      out.printf(Locale.ROOT, "events: %,d %s%n", tally.events(), new TreeMap<>(tally.eventsByType()));
      out.printf(Locale.ROOT, "rejected: %,d record(s) (%,d line(s))%s%n", tally.rejected(), tally.rejectedLines(),
          tally.rejected() == 0 ? "" : " by field " + new TreeMap<>(tally.rejectedByField())
              + (dead == null ? "; --dead-letter FILE keeps them" : "; written to " + deadLetter));
      tally.examples().forEach(x -> out.println("  " + x));
      out.printf(Locale.ROOT, "%s %,d acknowledged, %,d failed in %.1f s (%,.0f events/s)%n",
          sink.dryRun ? "counted (dry run):" : "sent:", sent.acknowledged(), sent.failed(), seconds,
          sent.acknowledged() / Math.max(seconds, 1e-3));
      sent.firstError().ifPresent(err -> out.println("first send error: " + err));
      if (gaveUp) {
        out.printf(Locale.ROOT, "gave up after %,d rejected records (--max-errors %d): is the file really %s?%n",
            tally.rejected(), maxErrors, fmt.name().toLowerCase(Locale.ROOT));
      }
      return sent.failed() == 0 && tally.rejected() == 0 ? 0 : 1;
    }
  }

  private static ImportFormat format(final Path file, final String format) {
    if (format == null) {
      return ImportFormat.guess(file).orElseThrow(() -> new SegstreamCommand.UsageError(
          "cannot tell the format from the name " + file.getFileName() + "; pass --format jsonl or --format csv"));
    }
    try {
      return ImportFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new SegstreamCommand.UsageError("--format must be jsonl or csv, was '" + format + "'");
    }
  }
}
