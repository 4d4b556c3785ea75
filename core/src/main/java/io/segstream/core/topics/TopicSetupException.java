package io.segstream.core.topics;

/** Thrown when topics cannot be checked or created, or existing ones cannot work; the message says what to do. */
public final class TopicSetupException extends RuntimeException {
  private final boolean retriable;

  TopicSetupException(final String message, final boolean retriable) {
    super(message);
    this.retriable = retriable;
  }

  /** True when Kafka could not be reached or answered in time: trying again later may succeed. */
  public boolean retriable() {
    return retriable;
  }
}
