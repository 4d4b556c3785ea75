package io.segstream.ingest.importer;

/**
 * A field that is missing or out of range.
 *
 * @param field the field's path in JSON-lines terms ({@code items[2].quantity}, {@code review.rating})
 */
record FieldProblem(String field, String message) {}
