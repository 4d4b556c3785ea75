package io.segstream.cli.chaos;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import java.util.Optional;

/**
 * What identifies a segment change when counting lost and duplicated ones: the user, the event time that caused
 * it, why, and from where to where. (Emission time and distance are left out: a replay after a crash emits the
 * same change at another wall-clock time. An erasure has no event of its own: its time is the task's stream time
 * when the request arrived, which depends on what else that task had read, so {@code USER_DELETED} counts with
 * event time 0.)
 */
record ChangeKey(String user, long eventTime, ChangeReason reason, Optional<Integer> from, Optional<Integer> to) {
  static ChangeKey of(final SegmentChange c) {
    return new ChangeKey(c.getUserId(), c.getReason() == ChangeReason.USER_DELETED ? 0 : c.getEventTime().toEpochMilli(),
        c.getReason(),
        Optional.ofNullable(c.getPreviousSegmentId()), Optional.ofNullable(c.getSegmentId()));
  }
}
