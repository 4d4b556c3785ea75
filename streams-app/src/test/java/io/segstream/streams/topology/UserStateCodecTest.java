package io.segstream.streams.topology;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.avro.UserProfile;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.features.UserState;
import io.segstream.schemas.AvroSerdes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserStateCodecTest {
  private final FeatureRegistry registry = FeatureRegistry.standard(FeatureSettings.defaults());

  private UserState someUser() {
    final UserState s = registry.newUser(T0);
    final var updater = registry.updater(CategoryResolver.shopCategory());
    updater.apply(s, Events.view("u", T0, "a", "home"));
    updater.apply(s, Events.purchase("u", T0 + DAY, "b", 1234.56, 3, 0.2));
    s.assign(4, 17, 1.25, T0 + DAY);
    s.vectorEmitted(T0 + DAY);
    return s;
  }

  @Test
  void aStateSurvivesTheStoreWithFloatPrecision() {
    final UserState s = someUser();
    final byte[] stored = AvroSerdes.USER_PROFILE.serialize("", UserStateCodec.toAvro(s));
    final UserState back = UserStateCodec.fromAvro(AvroSerdes.USER_PROFILE.deserialize("", stored), registry.layout());
    final Map<String, Double> before = registry.describe(s, T0 + 2 * DAY);
    final Map<String, Double> after = registry.describe(back, T0 + 2 * DAY);
    before.forEach((name, v) -> assertThat(after.get(name)).as(name).isCloseTo(v, within(1e-6 * Math.max(1, Math.abs(v)))));
    assertThat(back.segmentId()).isEqualTo(4);
    assertThat(back.modelVersion()).isEqualTo(17);
    assertThat(back.lastVectorAt()).isEqualTo(T0 + DAY);
    assertThat(back.sessionKey()).isEqualTo(s.sessionKey());
    // Packed floats: 4 bytes a slot, plus a few varint timestamps and the layout id.
    assertThat(stored.length).isLessThan(registry.layout().size() * 4 + 120);
  }

  @Test
  void countersWrittenUnderAnotherLayoutAreResetButTheUserIsKept() {
    final UserProfile stored = UserStateCodec.toAvro(someUser());
    final FeatureRegistry other = FeatureRegistry.standard(new FeatureSettings(30, List.of("home", "garden"), 30, 365));
    assertThat(UserStateCodec.layoutMatches(stored, other.layout())).isFalse();
    final UserState back = UserStateCodec.fromAvro(stored, other.layout());
    assertThat(back.slots()).containsOnly(0.0);
    assertThat(back.segmentId()).isEqualTo(4);
    assertThat(back.firstSeen()).isEqualTo(T0);
  }
}
