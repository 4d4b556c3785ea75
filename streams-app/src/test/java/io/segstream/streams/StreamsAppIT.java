package io.segstream.streams;

import static io.segstream.core.features.Events.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.topology.DeadLetters;
import io.segstream.streams.topology.TestModels;
import io.segstream.testkit.BrokerExtension;
import io.segstream.testkit.Clients;
import java.io.IOException;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The streams app against a real broker: exactly-once outputs, dead letters, REST over interactive queries. */
class StreamsAppIT {
  @RegisterExtension static final BrokerExtension KAFKA = new BrokerExtension();
  @TempDir static Path dir;
  private static StreamsApp app;
  private static SegstreamConfig config;
  private static FeatureRegistry registry;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    final int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    config = SegstreamConfig.fromMap(Map.of(
        "bootstrap.servers", KAFKA.bootstrapServers(),
        "application.id", "it-" + UUID.randomUUID().toString().substring(0, 8),
        "state.dir", dir.resolve("state").toString(),
        "http.port", Integer.toString(port),
        "topics.partitions", "2",
        "sweep.interval-seconds", "1"));
    registry = FeatureRegistry.standard(config.features());
    app = StreamsApp.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CategoryResolver.shopCategory());
    await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static HttpResponse<String> get(final String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eventsBecomeSegmentChangesAndTheApiAnswers() throws Exception {
    final long t0 = System.currentTimeMillis() - 10 * DAY;
    final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", t0, "s", "home")));
    final double[] buyer = TestModels.vectorOf(registry, List.of(
        Events.purchase("x", t0, "a", 200, 1, 0), Events.purchase("x", t0 + DAY, "b", 200, 1, 0),
        Events.purchase("x", t0 + 2 * DAY, "c", 200, 1, 0), Events.purchase("x", t0 + 3 * DAY, "d", 200, 1, 0)));
    final Segmentation model = TestModels.model(registry, 1, 0, List.of("Browsers", "Buyers"), browser, buyer);

    final List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(Events.view("browser-" + i, t0, "s" + i, "home"));
      for (int d = 0; d < 4; d++) {
        events.add(Events.purchase("buyer-" + i, t0 + d * DAY, "b" + i + "-" + d, 200, 1, 0));
      }
    }
    try (KafkaProducer<byte[], byte[]> p = Clients.bytesProducer(config)) {
      p.send(new ProducerRecord<>(config.topics().model(), model.name().getBytes(StandardCharsets.UTF_8),
          AvroSerdes.SEGMENT_MODEL.serialize("", SegmentationCodec.toAvro(model)))).get();
      Thread.sleep(1500); // let the processors pick up the model before the events arrive
      for (final UserEvent e : events) {
        // Half keyed by user, half unkeyed: the unkeyed ones are re-keyed through the repartition topic.
        final byte[] key = e.getUserId().hashCode() % 2 == 0 ? e.getUserId().getBytes(StandardCharsets.UTF_8) : null;
        p.send(new ProducerRecord<>(config.topics().events().getFirst(), key, AvroSerdes.USER_EVENT.serialize("", e)));
      }
      p.send(new ProducerRecord<>(config.topics().events().getFirst(), "bad".getBytes(StandardCharsets.UTF_8),
          "garbage".getBytes(StandardCharsets.UTF_8)));
      p.flush();
    }

    final List<ConsumerRecord<String, SegmentChange>> changes = Clients.readAtLeast(config, config.topics().changes(), AvroSerdes.SEGMENT_CHANGE, 20);
    final Map<String, Integer> segmentOf = new HashMap<>();
    for (final ConsumerRecord<String, SegmentChange> r : changes) {
      assertThat(r.key()).isEqualTo(r.value().getUserId());
      segmentOf.put(r.key(), r.value().getSegmentId());
    }
    assertThat(changes).filteredOn(r -> r.value().getReason() == ChangeReason.NEW_USER).hasSize(20);
    for (int i = 0; i < 10; i++) {
      assertThat(segmentOf.get("browser-" + i)).isEqualTo(0);
      assertThat(segmentOf.get("buyer-" + i)).isEqualTo(1);
    }

    final var dead = Clients.readAtLeast(config, config.topics().deadLetter(), new ByteArrayDeserializer(), 1);
    assertThat(new String(dead.getFirst().headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
        .isEqualTo("malformed");

    // REST, answered from the state stores
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/users/buyer-3").statusCode() == 200);
    final JsonNode user = JSON.readTree(get("/v1/users/buyer-3").body());
    assertThat(user.get("segmentId").asInt()).isEqualTo(1);
    assertThat(user.get("segmentLabel").asText()).isEqualTo("Buyers");
    assertThat(user.get("modelVersion").asLong()).isEqualTo(1);
    assertThat(user.get("features").get("lifetime_orders").asDouble()).isEqualTo(4.0);
    assertThat(user.get("features").get("avg_order_value").asDouble()).isEqualTo(200.0);

    final JsonNode why = JSON.readTree(get("/v1/users/buyer-3/explain").body());
    assertThat(why.get("segmentId").asInt()).isEqualTo(1);
    assertThat(why.get("runnerUpId").asInt()).isEqualTo(0);
    assertThat(why.get("margin").asDouble()).isPositive();
    assertThat(why.get("distances")).hasSize(2);
    assertThat(why.get("reasons").get(0).get("text").asText()).isNotBlank();
    assertThat(get("/v1/users/nobody/explain").statusCode()).isEqualTo(404);

    final HttpResponse<String> unknown = get("/v1/users/nobody");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("unknown user 'nobody'");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      final JsonNode segs = JSON.readTree(get("/v1/segments").body());
      assertThat(segs.get("modelVersion").asLong()).isEqualTo(1);
      assertThat(segs.get("segments").get(0).get("label").asText()).isEqualTo("Browsers");
      assertThat(segs.get("segments").get(0).get("size").asLong()).isEqualTo(10);
      assertThat(segs.get("segments").get(1).get("size").asLong()).isEqualTo(10);
      assertThat(segs.get("segments").get(1).get("centroid").get("avg_order_value").asDouble()).isCloseTo(200.0,
          org.assertj.core.api.Assertions.within(1e-6));
    });

    // Paging through a segment with a cursor visits every member once, in order.
    final List<String> seen = new ArrayList<>();
    String after = "";
    do {
      final JsonNode page = JSON.readTree(get("/v1/segments/1/users?limit=3&after=" + after).body());
      page.get("users").forEach(u -> seen.add(u.asText()));
      after = page.get("next").isNull() ? null : page.get("next").asText();
    } while (after != null);
    assertThat(seen).hasSize(10).isSorted().allMatch(u -> u.startsWith("buyer-"));

    // Buyers bought product p1 (Events.purchase): it trends in their segment only.
    final JsonNode top = JSON.readTree(get("/v1/segments/1/top-items?limit=5").body());
    assertThat(top.get("label").asText()).isEqualTo("Buyers");
    assertThat(top.get("items").get(0).get("productId").asText()).isEqualTo("p1");
    assertThat(top.get("items").get(0).get("score").asDouble()).isGreaterThan(10.0);
    assertThat(get("/v1/segments/1/top-items?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/v1/segments/99/top-items").statusCode()).isEqualTo(404);

    assertThat(JSON.readTree(get("/v1/model").body()).get("k").asInt()).isEqualTo(2);
    assertThat(get("/health").statusCode()).isEqualTo(200);
    final String metrics = get("/metrics").body();
    assertThat(metrics).contains("segstream_events_total{type=\"purchase\"} 40.0");
    assertThat(metrics).contains("segstream_events_rejected_total{reason=\"malformed\"} 1.0");
    assertThat(metrics).contains("kafka_stream_");
    assertThat(get("/v1/nothing-here").statusCode()).isEqualTo(404);
    assertThat(get("/v1/segments/1/users?limit=0").statusCode()).isEqualTo(400);
  }
}
