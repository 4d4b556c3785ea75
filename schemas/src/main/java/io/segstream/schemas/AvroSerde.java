package io.segstream.schemas;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class using Avro single-object encoding: every message carries the
 * 64-bit fingerprint of the schema it was written with, so readers resolve older or newer writers
 * without a schema registry. The decoder knows every released version of the schema (see
 * {@link SchemaHistory}), which is what lets a new reader consume an old writer's bytes.
 *
 * <p>Decoding reads the single-object header (marker {@code C3 01}, then the writer schema's CRC-64-AVRO fingerprint,
 * little-endian) here and the body with Avro's buffered decoder over the array. Avro's own
 * {@code BinaryMessageDecoder} reads the body through an unbuffered decoder from a {@code ByteArrayInputStream}
 * (numbers a byte per synchronized call), and the decode of an input event was a sixth of its processing in the
 * streams app (docs/performance.md).
 *
 * <p>Thread-safe: Avro's message encoder keeps its buffers per thread, and so does the decoding here.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
  static {
    // Avro 1.12 refuses to instantiate classes it was not told to trust while resolving schemas;
    // widen the global policy by exactly our own generated package.
    final ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        c -> c.getName().startsWith("io.segstream.avro.")));
  }

  private static final int HEADER_BYTES = 10;
  private static final VarHandle FINGERPRINT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  /** Writer schema fingerprint → a reader resolving that writer's schema to the generated class's; fixed after construction. */
  private final Map<Long, DatumReader<T>> readers = new HashMap<>();

  private AvroSerde(final Class<T> type, final List<Schema> extraWriterSchemas) {
    this.type = type;
    final SpecificData model = SpecificData.getForClass(type);
    final Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    addReader(model, schema, schema);
    for (final Schema old : SchemaHistory.versions(schema.getFullName())) {
      addReader(model, old, schema);
    }
    extraWriterSchemas.forEach(writer -> addReader(model, writer, schema));
  }

  private void addReader(final SpecificData model, final Schema writer, final Schema reader) {
    readers.putIfAbsent(SchemaNormalization.parsingFingerprint64(writer), new SpecificDatumReader<T>(writer, reader, model));
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(final Class<T> type) {
    return new AvroSerde<>(type, List.of());
  }

  /** A serde that also reads data written with the given schemas (for tests and migrations). */
  public static <T extends SpecificRecord> AvroSerde<T> withExtraSchemas(final Class<T> type, final List<Schema> writers) {
    return new AvroSerde<>(type, writers);
  }

  @Override
  public byte[] serialize(final String topic, final T data) {
    if (data == null) {
      return null; // Kafka's tombstone convention
    }
    try {
      final ByteBuffer buffer = encoder.encode(data);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return decode(bytes);
  }

  /** Decodes, turning every way the bytes can be wrong into one exception type with a readable reason. */
  public T decode(final byte[] bytes) {
    if (bytes.length < HEADER_BYTES || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new SerializationException("not an Avro single-object " + type.getSimpleName() + " (bad header)");
    }
    final DatumReader<T> reader = readers.get((long) FINGERPRINT.get(bytes, 2));
    if (reader == null) {
      throw new SerializationException("unknown schema fingerprint for " + type.getSimpleName()
          + " (written by a newer, unreleased schema?)");
    }
    try {
      final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES,
          DECODERS.get());
      DECODERS.set(decoder);
      return reader.read(null, decoder);
    } catch (final IOException | RuntimeException e) {
      throw new SerializationException("corrupt " + type.getSimpleName() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
    // Nothing to configure: the schema comes from the generated class.
  }

  @Override
  public void close() {
    // Serde, Serializer and Deserializer all declare close(); nothing to release.
  }
}
