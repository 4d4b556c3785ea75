package io.segstream.ingest.send;

/** The cluster or topic to send to is not there; the message says what to fix. */
public final class SinkUnavailableException extends RuntimeException {
  public SinkUnavailableException(final String message) {
    super(message);
  }
}
