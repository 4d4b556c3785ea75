package io.segstream.streams.text;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.util.Map;

/**
 * What the segmentation app accepts as review signals: a well-formed REVIEW_SIGNALS event keyed by its user, with
 * finite signals within [-1, 1]. They reach it on the by-user topic, which is segstream's own but still a topic anyone
 * with access can write to, and they bypass input validation.
 */
public final class ReviewSignalsGuard {
  private ReviewSignalsGuard() {}

  /** @return whether the event may update the user's features */
  public static boolean admits(final String key, final UserEvent e) {
    if (e == null || e.getType() != EventType.REVIEW_SIGNALS || key == null || !key.equals(e.getUserId())
        || e.getReview() == null || e.getReview().getSignals() == null) {
      return false;
    }
    for (final Map.Entry<String, Double> s : e.getReview().getSignals().entrySet()) {
      if (s.getValue() == null || !Double.isFinite(s.getValue()) || Math.abs(s.getValue()) > 1.0) {
        return false;
      }
    }
    return true;
  }
}
