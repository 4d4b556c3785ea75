package io.segstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of each contract schema, kept as resources
 * {@code io/segstream/avro/history/<Name>.v<N>.avsc}. Decoders register them so data written by any
 * released version stays readable; {@code SchemaCompatibilityTest} checks each change against them.
 */
public final class SchemaHistory {
  private static final String ROOT = "/io/segstream/avro/history/";

  private SchemaHistory() {}

  /** Released versions of the schema with this full name, oldest first (empty for internal schemas). */
  public static List<Schema> versions(final String fullName) {
    final String simple = fullName.substring(fullName.lastIndexOf('.') + 1);
    final List<Schema> out = new ArrayList<>();
    for (int v = 1; ; v++) {
      try (InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + simple + ".v" + v + ".avsc")) {
        if (in == null) {
          return out;
        }
        out.add(new Schema.Parser().parse(in));
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read schema history for " + simple + " v" + v, e);
      }
    }
  }
}
