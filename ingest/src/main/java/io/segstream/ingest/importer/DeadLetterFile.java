package io.segstream.ingest.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rejected records with why, one JSON object per line ({@code line, field, error, record}), so they can be
 * fixed and imported again.
 */
public final class DeadLetterFile implements AutoCloseable {
  private final BufferedWriter out;
  private final ObjectMapper json = new ObjectMapper();
  private long written;

  private DeadLetterFile(final BufferedWriter out) {
    this.out = out;
  }

  public static DeadLetterFile create(final Path file) throws IOException {
    return new DeadLetterFile(Files.newBufferedWriter(file));
  }

  public void write(final ParsedEvent.Invalid bad) {
    final ObjectNode n = json.createObjectNode();
    n.put("line", bad.line());
    n.put("field", bad.field());
    n.put("error", bad.message());
    n.put("record", bad.raw());
    try {
      out.write(json.writeValueAsString(n));
      out.newLine();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    written++;
  }

  public long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
