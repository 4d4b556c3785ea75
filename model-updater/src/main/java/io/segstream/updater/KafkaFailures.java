package io.segstream.updater;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * What a failure from a Kafka client means to the updater: whether another updater fenced this one (so it must
 * stand by rather than retry), and a one-line description for the log (the root cause, since the clients wrap it).
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /** Fenced, directly or as the cause of the producer's "error state" exception. */
  static boolean fenced(final Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  /** The message of {@code e}, or its root cause's with the cause's type. */
  static String rootMessage(final Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
