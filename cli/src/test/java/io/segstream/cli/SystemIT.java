package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.SegmentModel;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.testkit.Clients;
import io.segstream.generator.Persona;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSettings;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system on a real broker: persona traffic → features → a model on the compacted topic →
 * assignments → change records that add up → REST answers that agree with them.
 */
class SystemIT {
  private static final int USERS = 1_000;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void personaTrafficBecomesNamedSegmentsChangesAndApiAnswers() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SystemUnderTest system = SystemUnderTest.on(kafka.bootstrapServers(), dir, "system-it", Map.of(
          "updater.bootstrap-vectors", "1000",
          "updater.publish-interval-seconds", "3"));
      final SegstreamConfig config = system.config();
      final int port = system.httpPort();
      final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      final ShopSimulator simulator = new ShopSimulator(SimulatorConfig.defaults().withUsers(USERS).withSeed(7));
      try (StreamsApp app = StreamsApp.start(config, metrics, CategoryResolver.shopCategory());
          ModelUpdater updater = new ModelUpdater(config, metrics).start();
          TrafficProducer traffic = TrafficProducer.connect(kafka.bootstrapServers(), simulator,
              TrafficSettings.of(config.topics().events().getFirst()))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        final long sent = traffic.sendHistory();
        assertThat(sent).isGreaterThan(50L * USERS);

        // A model appears on the compacted model topic.
        final List<SegmentModel> models = new ArrayList<>();
        Clients.readUntil(config, config.topics().model(), AvroSerdes.SEGMENT_MODEL, r -> models.add(r.value()),
            () -> !models.isEmpty(), Duration.ofSeconds(90));
        assertThat(models.getFirst().getName()).isEqualTo("default");
        assertThat(models.getFirst().getSegments()).hasSize(5);
        try (Admin admin = Admin.create(config.kafkaClientBase())) {
          final var resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topics().model());
          assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
              .isEqualTo("compact");
        }

        // Every user is assigned, and after a sweep under the latest model the segments settle.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          final Map<String, Integer> assigned = app.queries().localAssignments();
          assertThat(assigned).hasSize(USERS);
          assertThat(assigned.values()).doesNotContain(-1);
        });
        // Let the model learn from the sampled population for a while (ARI climbs from ~0.5 to ~0.75 in
        // about 20 s with 1,000 users), then freeze it so assignments settle.
        Thread.sleep(20_000);
        updater.close();
        Thread.sleep(6_000); // more than two sweeps under the last model
        final Map<String, Integer> segmentOf = app.queries().localAssignments();

        // The segments are the personas: agreement well above chance.
        final PersonaAgreement agreement = PersonaAgreement.of(segmentOf, simulator.truth());
        System.out.printf("system test: ARI %.3f over %d users%n", agreement.adjustedRandIndex(), agreement.users());
        assertThat(agreement.adjustedRandIndex()).isGreaterThan(0.5); // 0.64-0.74 seen; chance is 0
        assertThat(app.queries().localAssignments()).as("assignments have settled").isEqualTo(segmentOf);

        // segments.changes: one chain per user, each change starting where the previous one ended,
        // ending in the user's current segment.
        final Map<String, Integer> lastChange = new HashMap<>();
        final Set<ChangeReason> reasons = new HashSet<>();
        final List<String> broken = new ArrayList<>();
        Clients.readUntil(config, config.topics().changes(), AvroSerdes.SEGMENT_CHANGE, r -> {
          final SegmentChange c = r.value();
          assertThat(r.key()).isEqualTo(c.getUserId());
          final Integer before = lastChange.get(c.getUserId());
          if (before == null ? c.getPreviousSegmentId() != null : !before.equals(c.getPreviousSegmentId())) {
            broken.add(c.toString());
          }
          assertThat(c.getSegmentId()).isNotEqualTo(c.getPreviousSegmentId());
          assertThat(c.getLabel()).isNotBlank();
          lastChange.put(c.getUserId(), c.getSegmentId());
          reasons.add(c.getReason());
        }, () -> lastChange.size() == USERS && lastChange.equals(segmentOf), Duration.ofSeconds(90));
        final Map<String, String> differ = new HashMap<>();
        segmentOf.forEach((u, seg) -> {
          if (!seg.equals(lastChange.get(u))) {
            differ.put(u, "store " + seg + " vs changes " + lastChange.get(u));
          }
        });
        assertThat(differ).as("users whose last change is not their current segment").isEmpty();
        assertThat(broken).isEmpty();
        assertThat(reasons).contains(ChangeReason.NEW_USER);

        // The REST API answers for these users, from the state stores, consistently with the changes.
        final Map<Persona, String> someUserOf = new HashMap<>();
        simulator.truth().forEach((u, p) -> someUserOf.putIfAbsent(p, u));
        for (final String user : someUserOf.values()) {
          final HttpResponse<String> r = get(port, "/v1/users/" + user);
          assertThat(r.statusCode()).isEqualTo(200);
          final JsonNode body = json.readTree(r.body());
          assertThat(body.get("segmentId").asInt()).isEqualTo(segmentOf.get(user));
          assertThat(body.get("segmentLabel").asText()).isNotBlank();
          assertThat(body.get("features").size()).isGreaterThan(20);
        }
        final JsonNode segments = json.readTree(get(port, "/v1/segments").body());
        long total = 0;
        final Set<String> labels = new HashSet<>();
        for (final JsonNode s : segments.get("segments")) {
          total += s.get("size").asLong();
          labels.add(s.get("label").asText());
          assertThat(s.get("description").asText()).isNotBlank();
        }
        assertThat(total).isEqualTo(USERS);
        assertThat(labels).hasSize(5);
        assertThat(json.readTree(get(port, "/v1/model").body()).get("version").asLong()).isPositive();
      }
    }
  }

  private HttpResponse<String> get(final int port, final String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
