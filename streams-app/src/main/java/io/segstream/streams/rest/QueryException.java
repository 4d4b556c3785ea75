package io.segstream.streams.rest;

/** A query that cannot be answered, with the HTTP status that says why. */
public final class QueryException extends RuntimeException {
  private final int status;

  public QueryException(final int status, final String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
