package io.segstream.streams.dashboard;

import io.segstream.avro.SegmentChange;
import java.time.Instant;

/**
 * One segment change as the dashboard shows it: the JSON of the live feed, the user's change history and the flows.
 * A user entering segmentation has {@code from = -1}; one leaving it (deleted, expired) has {@code to = -1}, so the
 * flows matrix can show entries and exits as a row and a column of their own.
 */
public record ChangeView(String userId, int from, String fromLabel, int to, String toLabel, long modelVersion,
    double distance, String reason, String eventTime, String emittedAt, long emittedAtMs) {

  /** Segment id standing for "outside segmentation" (new users come from it, deleted or expired ones go to it). */
  public static final int OUTSIDE = -1;

  static ChangeView of(final SegmentChange c) {
    return new ChangeView(c.getUserId(),
        c.getPreviousSegmentId() == null ? OUTSIDE : c.getPreviousSegmentId(),
        c.getPreviousLabel() == null ? "" : c.getPreviousLabel(),
        c.getSegmentId() == null ? OUTSIDE : c.getSegmentId(),
        c.getLabel() == null ? "" : c.getLabel(),
        c.getModelVersion(), c.getDistance(), c.getReason().name(),
        c.getEventTime().toString(), c.getEmittedAt().toString(), c.getEmittedAt().toEpochMilli());
  }

  static String iso(final long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
