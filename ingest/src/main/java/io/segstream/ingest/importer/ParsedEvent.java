package io.segstream.ingest.importer;

import io.segstream.avro.UserEvent;

/** One record of an import file: an event, or what is wrong with it (where, which field, why). */
public sealed interface ParsedEvent {
  /** The (first) line of the file the record came from. */
  long line();

  record Valid(long line, UserEvent event) implements ParsedEvent {}

  /**
   * @param lines how many lines of the file the rejected record spans (CSV orders span one per item)
   * @param raw the record as written, for the dead-letter file
   */
  record Invalid(long line, int lines, String field, String message, String raw) implements ParsedEvent {
    /** "line 12, field items[0].quantity: must be at least 1, was 0" */
    public String describe() {
      return "line " + line + (field.isEmpty() ? "" : ", field " + field) + ": " + message;
    }
  }
}
