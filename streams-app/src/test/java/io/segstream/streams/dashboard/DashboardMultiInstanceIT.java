package io.segstream.streams.dashboard;

import static io.segstream.core.features.Events.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.streams.topology.TestModels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances on a real broker, users spread over both: each instance's dashboard endpoints answer for
 * all of them (flows and histories from the changes topic, sizes and counters over instances).
 */
class DashboardMultiInstanceIT {
  private static final int USERS = 40;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void eachInstanceAnswersForAllInstances() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SegstreamConfig a = config(kafka, "a");
      final SegstreamConfig b = config(kafka, "b");
      final FeatureRegistry registry = FeatureRegistry.standard(a.features());
      try (StreamsApp one = StreamsApp.start(a, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CategoryResolver.shopCategory());
          StreamsApp two = StreamsApp.start(b, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CategoryResolver.shopCategory())) {
        await().atMost(Duration.ofSeconds(90)).until(() -> one.streams().state() == KafkaStreams.State.RUNNING
            && two.streams().state() == KafkaStreams.State.RUNNING
            && one.streams().metadataForLocalThreads().stream().allMatch(t -> !t.activeTasks().isEmpty())
            && two.streams().metadataForLocalThreads().stream().allMatch(t -> !t.activeTasks().isEmpty()));

        final long t0 = System.currentTimeMillis() - 10 * DAY;
        final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", t0, "s", "home")));
        final double[] buyer = TestModels.vectorOf(registry, List.of(Events.purchase("x", t0, "a", 200, 1, 0),
            Events.purchase("x", t0 + DAY, "b", 200, 1, 0), Events.purchase("x", t0 + 2 * DAY, "c", 200, 1, 0)));
        final Segmentation model = TestModels.model(registry, 1, 0, List.of("Browsers", "Buyers"), browser, buyer);
        final List<UserEvent> events = new ArrayList<>();
        for (int i = 0; i < USERS / 2; i++) {
          events.add(Events.view("browser-" + i, t0, "s" + i, "home"));
          for (int d = 0; d < 3; d++) {
            events.add(Events.purchase("buyer-" + i, t0 + d * DAY, "b" + i + "-" + d, 200, 1, 0));
          }
        }
        try (KafkaProducer<byte[], byte[]> p = producer(a)) {
          p.send(new ProducerRecord<>(a.topics().model(), model.name().getBytes(StandardCharsets.UTF_8),
              AvroSerdes.SEGMENT_MODEL.serialize("", SegmentationCodec.toAvro(model)))).get();
          Thread.sleep(1500); // let both instances' global stores pick up the model first
          for (final UserEvent e : events) {
            p.send(new ProducerRecord<>(a.topics().events().getFirst(), e.getUserId().getBytes(StandardCharsets.UTF_8),
                AvroSerdes.USER_EVENT.serialize("", e)));
          }
          p.flush();
        }
        // Users really are spread over both instances.
        await().atMost(Duration.ofSeconds(60)).until(() ->
            one.queries().localUserCount() + two.queries().localUserCount() == USERS);
        assertThat(one.queries().localUserCount()).isPositive();
        assertThat(two.queries().localUserCount()).isPositive();

        for (final StreamsApp app : List.of(one, two)) {
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            final JsonNode flows = get(app, "/v1/dashboard/flows?minutes=60");
            long newUsers = 0;
            for (final JsonNode f : flows.get("flows")) {
              newUsers += f.get("reasons").path("NEW_USER").asLong();
            }
            assertThat(newUsers).isEqualTo(USERS);

            final JsonNode health = get(app, "/v1/dashboard/health");
            assertThat(health.get("eventsTotal").asLong()).isEqualTo(events.size());
            assertThat(health.get("modelVersion").asLong()).isEqualTo(1);

            final JsonNode sizes = get(app, "/v1/dashboard/sizes?minutes=5");
            final JsonNode last = sizes.get("points").get(sizes.get("points").size() - 1);
            assertThat(last.get("sizes").get("0").asLong() + last.get("sizes").get("1").asLong()).isEqualTo(USERS);
          });
          for (int i = 0; i < USERS / 2; i++) {
            final JsonNode h = get(app, "/v1/users/buyer-" + i + "/changes");
            assertThat(h.get("known").asBoolean()).isTrue();
            assertThat(h.get("changes").get(0).get("toLabel").asText()).isEqualTo("Buyers");
          }
          assertThat(get(app, "/v1/dashboard/profiles").get("features").size()).isEqualTo(registry.dimension());
        }
      }
    }
  }

  private SegstreamConfig config(final EmbeddedKafka kafka, final String name) throws Exception {
    final int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return SegstreamConfig.fromMap(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "application.id", "dashboard-multi",
        "state.dir", dir.resolve("state-" + name).toString(),
        "http.port", Integer.toString(port),
        "topics.partitions", "4",
        "sweep.interval-seconds", "1"));
  }

  private static KafkaProducer<byte[], byte[]> producer(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("key.serializer", ByteArraySerializer.class);
    p.put("value.serializer", ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  private static JsonNode get(final StreamsApp app, final String path) throws Exception {
    final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
