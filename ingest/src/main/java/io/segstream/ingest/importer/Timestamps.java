package io.segstream.ingest.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Event times as users' exports write them: ISO-8601 with an offset ({@code 2024-05-01T10:15:00Z},
 * {@code 2024-05-01T12:15:00+02:00}), epoch milliseconds ({@code 1714558500000}), or a local date-time
 * ({@code 2024-05-01 10:15:00}) when the import names the zone it is in.
 */
final class Timestamps {
  /** Epoch millis have 12-13 digits for any date since 1973; 10 digits is epoch seconds by mistake. */
  private static final long SMALLEST_MILLIS = 100_000_000_000L;
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter();

  private final Optional<ZoneId> zone;

  /** @param zone the zone of timestamps written without an offset; empty = refuse them */
  Timestamps(final Optional<ZoneId> zone) {
    this.zone = zone;
  }

  /** @throws IllegalArgumentException saying what was expected */
  Instant parse(final String raw) {
    final String s = raw.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    if (s.chars().allMatch(Character::isDigit)) {
      return fromMillis(Long.parseLong(s));
    }
    try {
      return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
    } catch (final DateTimeParseException e) {
      // not with an offset: maybe local
    }
    final LocalDateTime local;
    try {
      local = LocalDateTime.parse(s, LOCAL);
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time: use ISO-8601 with an offset (2024-05-01T10:15:00Z)"
          + " or epoch milliseconds");
    }
    return local.atZone(zone.orElseThrow(() -> new IllegalArgumentException("'" + s + "' has no offset: add one"
        + " (2024-05-01T10:15:00Z) or pass --zone with the zone the file's times are in"))).toInstant();
  }

  Instant fromMillis(final long millis) {
    if (millis < SMALLEST_MILLIS) {
      throw new IllegalArgumentException(millis + " is too small for epoch milliseconds (epoch seconds? multiply by 1000)");
    }
    try {
      return Instant.ofEpochMilli(millis);
    } catch (final DateTimeException e) {
      throw new IllegalArgumentException(millis + " is out of range");
    }
  }
}
