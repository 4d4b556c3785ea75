package io.segstream.ingest.send;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an import stands.
 *
 * @param fractionRead share of the input file read, 0..1
 * @param records input records (rows or lines) read
 * @param eventTime the latest event time sent
 */
public record ProgressSnapshot(double fractionRead, long records, long skipped, SendStats sent,
    Optional<Instant> eventTime) {
  public static final ProgressSnapshot START = new ProgressSnapshot(0, 0, 0, SendStats.NONE, Optional.empty());
}
