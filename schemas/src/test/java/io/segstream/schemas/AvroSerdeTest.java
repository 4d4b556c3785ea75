package io.segstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static UserEvent purchase() {
    final Product mug = Product.newBuilder().setProductId("p-1").setName("WHITE MUG").setCategory("home").setPrice(4.5).build();
    return UserEvent.newBuilder()
        .setUserId("17850").setType(EventType.PURCHASE).setTimestamp(Instant.parse("2011-01-02T10:00:00Z"))
        .setOrderId("536365")
        .setItems(List.of(LineItem.newBuilder().setProduct(mug).setQuantity(6).setDiscount(0.1).build()))
        .build();
  }

  @Test
  void roundTripsWithTheSchemaFingerprintInFront() {
    final byte[] bytes = AvroSerdes.USER_EVENT.serialize("t", purchase());
    // Single-object encoding: marker C3 01, then the 8-byte schema fingerprint.
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(AvroSerdes.USER_EVENT.deserialize("t", bytes)).isEqualTo(purchase());
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(AvroSerdes.USER_EVENT.serialize("t", null)).isNull();
    assertThat(AvroSerdes.USER_EVENT.deserialize("t", null)).isNull();
  }

  @Test
  void garbageFailsWithAReadableReason() {
    assertThatThrownBy(() -> AvroSerdes.USER_EVENT.deserialize("t", "{\"userId\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("bad header");
  }

  @Test
  void truncatedMessageIsCorrupt() {
    final byte[] bytes = AvroSerdes.USER_EVENT.serialize("t", purchase());
    final byte[] cut = java.util.Arrays.copyOf(bytes, 14);
    assertThatThrownBy(() -> AvroSerdes.USER_EVENT.deserialize("t", cut))
        .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt UserEvent");
  }

  @Test
  void unknownWriterSchemaIsReportedAsSuch() throws Exception {
    final Schema other = SchemaBuilder.record("UserEvent").namespace("io.segstream.avro").fields()
        .requiredString("userId").requiredString("somethingNew").endRecord();
    final GenericRecord record = new GenericData.Record(other);
    record.put("userId", "u1");
    record.put("somethingNew", "x");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), other).encode(record, out);
    assertThatThrownBy(() -> AvroSerdes.USER_EVENT.deserialize("t", out.toByteArray()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void dataWrittenByAnOlderReleasedSchemaIsReadWithDefaults() throws Exception {
    // A writer that predates 'eventId', 'sessionId' etc.: the current reader fills in defaults.
    final Schema older = new Schema.Parser().parse("""
        {"type":"record","name":"UserEvent","namespace":"io.segstream.avro","fields":[
          {"name":"userId","type":"string"},
          {"name":"type","type":{"type":"enum","name":"EventType","symbols":["UNKNOWN","PAGE_VIEW"],"default":"UNKNOWN"}},
          {"name":"timestamp","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
    final GenericRecord record = new GenericData.Record(older);
    record.put("userId", "u7");
    record.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "PAGE_VIEW"));
    record.put("timestamp", 1_000L);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record, out);

    final AvroSerde<UserEvent> serde = AvroSerde.withExtraSchemas(UserEvent.class, List.of(older));
    final UserEvent read = serde.deserialize("t", out.toByteArray());
    assertThat(read.getUserId()).isEqualTo("u7");
    assertThat(read.getType()).isEqualTo(EventType.PAGE_VIEW);
    assertThat(read.getItems()).isEmpty();
    assertThat(read.getProduct()).isNull();
  }
}
