package io.segstream.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegstreamConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreUsable() {
    final SegstreamConfig c = SegstreamConfig.defaults();
    assertThat(c.bootstrapServers()).containsExactly("localhost:9092");
    assertThat(c.topics().events()).containsExactly("shop.events");
    assertThat(c.streams().processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(c.updater().training().k()).isEqualTo(5);
  }

  @Test
  void fileThenEnvironmentThenOverridesWin() throws Exception {
    final Path file = dir.resolve("app.properties");
    Files.writeString(file, """
        bootstrap.servers=broker-a:9092
        http.port=9000
        updater.k=auto
        assignment.hysteresis=0.2
        kafka.security.protocol=SSL
        """);
    final SegstreamConfig c = SegstreamConfig.load(Optional.of(file),
        Map.of("SEGSTREAM_HTTP_PORT", "9100", "SEGSTREAM_SWEEP_INTERVAL_SECONDS", "5",
            "SEGSTREAM_KAFKA_SASL_MECHANISM", "PLAIN", "UNRELATED", "x"),
        Map.of("assignment.hysteresis", "0.05"));
    assertThat(c.bootstrapServers()).containsExactly("broker-a:9092");
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.assignment().sweepInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.assignment().hysteresis()).isEqualTo(0.05);
    assertThat(c.updater().training().autoK()).isTrue();
    assertThat(c.kafkaClientOverrides()).containsEntry("security.protocol", "SSL").containsEntry("sasl.mechanism", "PLAIN");
    assertThat(c.kafkaClientBase()).containsEntry("bootstrap.servers", "broker-a:9092");
  }

  @Test
  void halfLifeOverridesTheDecayFactor() {
    final SegstreamConfig c = SegstreamConfig.fromMap(Map.of("updater.half-life", "10"));
    assertThat(Math.pow(c.updater().training().decayFactor(), 10)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void typosAndBadValuesAreExplained() {
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("bootstrap.server", "x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown configuration key 'bootstrap.server'");
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("updater.k", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("updater.k");
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("http.port", "70000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    assertThatThrownBy(() -> SegstreamConfig.load(Optional.of(dir.resolve("missing.properties")), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigKeys.envName("topics.feature-vectors")).isEqualTo("SEGSTREAM_TOPICS_FEATURE_VECTORS");
  }
}
