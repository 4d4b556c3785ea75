package io.segstream.streams.topology;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.avro.UserProfile;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.features.UserState;
import io.segstream.schemas.AvroSerde;
import io.segstream.schemas.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class UserProfileSerdeTest {
  /** Loaded first: its class initialiser admits segstream's Avro classes, which the event builders below need. */
  private static final AvroSerde<UserProfile> AVRO = AvroSerdes.USER_PROFILE;
  private final FeatureRegistry registry = FeatureRegistry.standard(FeatureSettings.defaults());
  private final UserProfileSerde serde = new UserProfileSerde();

  private UserProfile someUser() {
    final UserState s = registry.newUser(T0);
    final var updater = registry.updater(CategoryResolver.shopCategory());
    updater.apply(s, Events.view("u", T0, "a", "home"));
    updater.apply(s, Events.purchase("u", T0 + DAY, "b", 1234.56, 3, 0.2));
    s.assign(4, 17, 1.25, T0 + DAY);
    s.vectorEmitted(T0 + DAY);
    return UserStateCodec.toAvro(s);
  }

  @Test
  void everyFieldSurvivesExactly() {
    final UserProfile p = someUser();
    final UserProfile back = serde.deserialize("", serde.serialize("", p));
    assertThat(back).isEqualTo(p);
    assertThat(slots(back)).isEqualTo(slots(p));
  }

  /** The format writes these fields by position; a field added to the Avro record needs a new format version. */
  @Test
  void writesEveryFieldOfTheRecord() {
    assertThat(UserProfile.getClassSchema().getFields().stream().map(Schema.Field::name).toList())
        .as("UserProfile's fields changed: give UserProfileSerde a new format version that writes them")
        .containsExactly("layout", "firstSeen", "lastSeen", "lastPurchase", "decayedAt", "sessionKey", "sessionFlags",
            "slots", "lastVectorAt", "segmentId", "modelVersion", "distance", "assignedAt");
  }

  @Test
  void extremesSurvive() {
    final float[] values = {0f, -0f, Float.MIN_VALUE, -1e30f, Float.NaN, 3.5f, 0f, 0f, 0f, 7f};
    final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (final float v : values) {
      b.putFloat(v);
    }
    final UserProfile p = new UserProfile("lay-é", Long.MIN_VALUE + 1, Long.MAX_VALUE, 0L, -5L, Long.MIN_VALUE, 3,
        b.flip(), 0L, -1, Long.MAX_VALUE, -0.0, 1L);
    final UserProfile back = serde.deserialize("", serde.serialize("", p));
    assertThat(back).isEqualTo(p);
    assertThat(slots(back)).isEqualTo(slots(p));
  }

  @Test
  void readsTheAvroValuesWrittenBeforeIt() {
    final UserProfile p = someUser();
    final byte[] avro = AVRO.serialize("", p);
    assertThat(serde.deserialize("", avro)).isEqualTo(p);
  }

  @Test
  void isSmallerThanAvro() {
    final UserProfile p = someUser();
    assertThat(serde.serialize("", p).length).isLessThan(AVRO.serialize("", p).length * 2 / 3);
  }

  @Test
  void truncatedOrPaddedBytesAreAClearError() {
    final byte[] bytes = serde.serialize("", someUser());
    assertThatThrownBy(() -> serde.deserialize("", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserialize("", Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(SerializationException.class);
  }

  private static byte[] slots(final UserProfile p) {
    final ByteBuffer b = p.getSlots().duplicate();
    final byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
