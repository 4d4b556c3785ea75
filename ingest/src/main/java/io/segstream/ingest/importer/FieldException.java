package io.segstream.ingest.importer;

/** Thrown while building an event from a record; becomes a {@link ParsedEvent.Invalid}. */
final class FieldException extends RuntimeException {
  private final String field;

  FieldException(final String field, final String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
