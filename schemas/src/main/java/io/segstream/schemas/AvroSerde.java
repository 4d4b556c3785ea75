package io.segstream.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
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
 * <p>Thread-safe: Avro's message encoder/decoder keep their buffers per thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
  static {
    // Avro 1.12 refuses to instantiate classes it was not told to trust while resolving schemas;
    // widen the global policy by exactly our own generated package.
    final ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        c -> c.getName().startsWith("io.segstream.avro.")));
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(final Class<T> type, final List<Schema> extraWriterSchemas) {
    this.type = type;
    final SpecificData model = SpecificData.getForClass(type);
    final Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    for (final Schema old : SchemaHistory.versions(schema.getFullName())) {
      decoder.addSchema(old);
    }
    extraWriterSchemas.forEach(decoder::addSchema);
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
    try {
      return decoder.decode(bytes);
    } catch (final org.apache.avro.message.BadHeaderException e) {
      throw new SerializationException("not an Avro single-object " + type.getSimpleName() + " (bad header)", e);
    } catch (final org.apache.avro.message.MissingSchemaException e) {
      throw new SerializationException("unknown schema fingerprint for " + type.getSimpleName()
          + " (written by a newer, unreleased schema?)", e);
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
