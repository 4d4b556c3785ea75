package io.segstream.cli;

import io.segstream.ingest.EventFile;
import io.segstream.ingest.rfm.RfmAccumulator;
import io.segstream.ingest.rfm.RfmReport;
import io.segstream.ingest.rfm.RfmScore;
import io.segstream.ingest.rfm.RfmScoring;
import io.segstream.ingest.rfm.SystemAssignments;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.io.CsvFormatException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Classic RFM segments on the same data, optionally cross-tabulated against the running system's segments. */
@Command(name = "rfm", mixinStandardHelpOptions = true,
    description = {"Score customers by recency, frequency and monetary value (quintiles) and put them in the classic"
        + " RFM segments (Champions ... Lost), from the same file you replayed or produced.",
        "With --assignments-from, compare with the segments a running segstream found (Markdown tables)."})
final class RfmCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The event file.")
  Path data;

  @Option(names = "--format", defaultValue = "online-retail", paramLabel = "online-retail|jsonl|csv",
      description = "How to read --data (default ${DEFAULT-VALUE}: the UCI file, mapped exactly as 'replay online-retail' maps it).")
  String format;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Zone of local times in the file (online-retail: default Europe/London; jsonl/csv: as for produce).")
  ZoneId zone;

  @Option(names = "--reference-date", paramLabel = "INSTANT",
      description = "Recency is measured to this instant, e.g. 2011-08-31T17:45:00Z (default: the last event in the data,"
          + " which is the system's stream time at the end of a replay).")
  String referenceDate;

  @Option(names = "--assignments-from", paramLabel = "URL",
      description = "A running segstream's HTTP address, e.g. http://localhost:8080: compare with its segments.")
  URI assignmentsFrom;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Also write one CSV row per customer: scores, RFM segment and system segment.")
  Path outFile;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    final PrintStream out = System.out;
    final SegstreamConfig c = config.load();
    final RfmAccumulator acc = new RfmAccumulator();
    try {
      // Read exactly as 'replay online-retail' and 'produce' map the file (invalid records skipped as they skip them).
      EventFile.read(data, format, Optional.ofNullable(zone), c.validation()).events().forEach(acc::add);
    } catch (final NoSuchFileException e) {
      throw new SegstreamCommand.UsageError("--data " + data + ": no such file");
    } catch (final IllegalArgumentException | CsvFormatException e) {
      throw new SegstreamCommand.UsageError("--data " + data + ": " + e.getMessage());
    }
    final Instant reference = reference(acc);
    final List<RfmScore> scores = RfmScoring.score(acc.customers(reference));
    Optional<SystemAssignments> system = Optional.empty();
    if (assignmentsFrom != null) {
      try {
        system = Optional.of(SystemAssignments.fetch(assignmentsFrom));
      } catch (final IOException e) {
        throw new SegstreamCommand.UsageError("--assignments-from: " + e.getMessage());
      }
    }
    RfmReport.render(reference, scores, acc.withoutOrders().size(), system).forEach(out::println);
    if (outFile != null) {
      write(outFile, scores, system.map(SystemAssignments::segmentOf).orElse(Map.of()));
      out.println();
      out.println("per-customer scores written to " + outFile);
    }
    return 0;
  }

  private Instant reference(final RfmAccumulator acc) {
    if (referenceDate != null) {
      try {
        return Instant.parse(referenceDate);
      } catch (final DateTimeParseException e) {
        throw new SegstreamCommand.UsageError("--reference-date '" + referenceDate + "' is not an instant like 2011-08-31T17:45:00Z");
      }
    }
    return acc.latestEvent().orElseThrow(() -> new SegstreamCommand.UsageError("--data " + data + " holds no events"));
  }

  private static void write(final Path file, final List<RfmScore> scores, final Map<String, Integer> segmentOf)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("user_id,recency_days,orders,spend,returned,r,f,m,rfm_segment,system_segment");
      w.newLine();
      for (final RfmScore s : scores) {
        final Integer seg = segmentOf.get(s.customer().userId());
        w.write(String.format(Locale.ROOT, "%s,%.2f,%d,%.2f,%.2f,%d,%d,%d,%s,%s", s.customer().userId(),
            s.customer().recencyDays(), s.customer().orders(), s.customer().spend(), s.customer().returned(), s.r(), s.f(),
            s.m(), s.segment().label().replace("'", ""), seg == null ? "" : seg.toString()));
        w.newLine();
      }
    }
  }
}
