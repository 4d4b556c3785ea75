package io.segstream.ingest;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.io.InputFile;
import io.segstream.ingest.importer.EventSource;
import io.segstream.ingest.importer.ImportFormat;
import io.segstream.ingest.importer.ImportSettings;
import io.segstream.ingest.importer.ParsedEvent;
import io.segstream.ingest.retail.OnlineRetailEvents;
import io.segstream.ingest.retail.RetailLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A whole event file in memory, read with the same mapping 'replay online-retail' or 'produce' would send: for
 * commands that need every event at once (an evaluation splits them at a cutoff before sending any).
 *
 * @param skipped rows or records the mapping left out (online-retail: guest rows, postage...; jsonl/csv: invalid)
 */
public record EventFile(List<UserEvent> events, long skipped) {
  public static final String ONLINE_RETAIL = "online-retail";

  public EventFile {
    events = List.copyOf(events);
  }

  /**
   * @param format online-retail, jsonl or csv
   * @param zone zone of local times in the file (online-retail: Europe/London if empty)
   * @throws IllegalArgumentException for an unknown format or a file the format cannot read
   */
  public static EventFile read(final Path path, final String format, final Optional<ZoneId> zone,
      final SegstreamConfig.Validation limits) throws IOException {
    final List<UserEvent> events = new ArrayList<>();
    try (InputFile in = InputFile.open(path)) {
      if (format.equalsIgnoreCase(ONLINE_RETAIL)) {
        final OnlineRetailEvents source = new OnlineRetailEvents(in.reader(),
            RetailLimits.of(limits).withZone(zone.orElse(RetailLimits.SHOP_ZONE)), Long.MAX_VALUE);
        Optional<UserEvent> e;
        while ((e = source.next()).isPresent()) {
          events.add(e.get());
        }
        return new EventFile(events, source.tally().skipped());
      }
      final EventSource source = importFormat(format).open(in.reader(), new ImportSettings(zone, limits));
      long skipped = 0;
      Optional<ParsedEvent> p;
      while ((p = source.next()).isPresent()) {
        if (p.get() instanceof ParsedEvent.Valid(long _, UserEvent e)) {
          events.add(e);
        } else {
          skipped++;
        }
      }
      return new EventFile(events, skipped);
    }
  }

  private static ImportFormat importFormat(final String format) {
    try {
      return ImportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("the format must be online-retail, jsonl or csv, was '" + format + "'");
    }
  }
}
