package io.segstream.streams;

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
import io.segstream.streams.rest.QueryRouter;
import io.segstream.streams.topology.StoreNames;
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
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with one standby each; one stops answering without leaving the group (as after a crash, until
 * its session times out). Every user must still be answered: from the standby copy, marked possibly stale, never
 * a 404; the segments overview answers with what it has and names the silent instance.
 */
class QueryFailoverIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 20;

  @TempDir Path dir;

  @Test
  void usersOfASilentInstanceAreAnsweredFromItsStandbyAndOverviewsSayWhoIsMissing() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final String appId = "failover-" + UUID.randomUUID().toString().substring(0, 8);
      final SegstreamConfig a = config(kafka, appId, "a");
      final SegstreamConfig b = config(kafka, appId, "b");
      final FeatureRegistry registry = FeatureRegistry.standard(a.features());
      final Map<String, Integer> expected = publishModelAndUsers(a, registry);

      final StreamsApp first = StreamsApp.start(a, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          CategoryResolver.shopCategory());
      final StreamsApp second = StreamsApp.start(b, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          CategoryResolver.shopCategory());
      boolean secondOpen = true;
      try {
        await().atMost(Duration.ofSeconds(120)).until(() -> first.streams().state() == KafkaStreams.State.RUNNING
            && second.streams().state() == KafkaStreams.State.RUNNING && allAnswered(first, expected));
        // Both partitions have an active copy on one instance and a standby on the other.
        final String onSecond = expected.keySet().stream().filter(u -> hostOf(first, u) == second.httpPort())
            .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> !first.streams()
            .queryMetadataForKey(StoreNames.PROFILES, onSecond, new StringSerializer()).standbyHosts().isEmpty());

        final int silent = second.httpPort();
        second.close(); // streams.leave-group-on-close=false: the group still names it the owner
        secondOpen = false;

        final List<Integer> statuses = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
          final HttpResponse<String> r = get(first.httpPort(), "/v1/users/" + onSecond);
          statuses.add(r.statusCode());
          if (r.statusCode() != 200) {
            refusals.add(r.body());
          }
          return r.statusCode() == 200;
        });
        assertThat(statuses).as("while the owner is silent: answered or 'retry', never 'unknown user'")
            .allMatch(s -> s == 200 || s == 503);

        final Map<String, Boolean> staleness = new TreeMap<>();
        for (final Map.Entry<String, Integer> user : expected.entrySet()) {
          final HttpResponse<String> r = await().atMost(Duration.ofSeconds(60)).until(
              () -> get(first.httpPort(), "/v1/users/" + user.getKey()), x -> x.statusCode() != 503);
          assertThat(r.statusCode()).as(user.getKey() + ": " + r.body()).isEqualTo(200);
          final JsonNode body = JSON.readTree(r.body());
          assertThat(body.get("segmentId").asInt()).as(user.getKey()).isEqualTo(user.getValue());
          final boolean stale = body.get("possiblyStale").asBoolean();
          assertThat(r.headers().firstValue(QueryRouter.POSSIBLY_STALE_HEADER).isPresent()).isEqualTo(stale);
          staleness.put(user.getKey(), stale);
        }
        assertThat(staleness.get(onSecond)).as("answered from the standby copy until the group moves it; refused "
            + refusals).isTrue();

        final HttpResponse<String> overview = get(first.httpPort(), "/v1/segments");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(overview.body()).get("unansweredInstances").toString())
            .contains("localhost:" + silent);
      } finally {
        if (secondOpen) {
          second.close();
        }
        first.close();
      }
    }
  }

  private static boolean allAnswered(final StreamsApp app, final Map<String, Integer> expected) throws Exception {
    for (final String user : expected.keySet()) {
      if (get(app.httpPort(), "/v1/users/" + user).statusCode() != 200) {
        return false;
      }
    }
    return true;
  }

  private static int hostOf(final StreamsApp app, final String user) {
    final KeyQueryMetadata meta = app.streams().queryMetadataForKey(StoreNames.PROFILES, user, new StringSerializer());
    return meta.activeHost().port();
  }

  private Map<String, Integer> publishModelAndUsers(final SegstreamConfig c, final FeatureRegistry registry)
      throws Exception {
    Objects.requireNonNull(AvroSerdes.USER_EVENT); // loads Avro's trust of our classes before any builder runs
    TopicSetup.ensure(c);
    final long t0 = System.currentTimeMillis() - 10 * DAY;
    final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", t0, "s", "home")));
    final double[] buyer = TestModels.vectorOf(registry, List.of(
        Events.purchase("x", t0, "a", 200, 1, 0), Events.purchase("x", t0 + DAY, "b", 200, 1, 0)));
    final Segmentation model = TestModels.model(registry, 1, 0, List.of("Browsers", "Buyers"), browser, buyer);
    final Map<String, Integer> expected = new HashMap<>();
    final Map<String, Object> p = new HashMap<>(c.kafkaClientBase());
    p.put("key.serializer", ByteArraySerializer.class);
    p.put("value.serializer", ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(c.topics().model(), model.name().getBytes(StandardCharsets.UTF_8),
          AvroSerdes.SEGMENT_MODEL.serialize("", SegmentationCodec.toAvro(model)))).get();
      for (int i = 0; i < USERS; i++) {
        final List<UserEvent> events = i % 2 == 0
            ? List.of(Events.view("browser-" + i, t0, "s" + i, "home"))
            : List.of(Events.purchase("buyer-" + i, t0, "o" + i, 200, 1, 0),
                Events.purchase("buyer-" + i, t0 + DAY, "p" + i, 200, 1, 0));
        expected.put(events.getFirst().getUserId(), i % 2);
        for (final UserEvent e : events) {
          producer.send(new ProducerRecord<>(c.topics().events().getFirst(),
              e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("", e)));
        }
      }
      producer.flush();
    }
    return expected;
  }

  private SegstreamConfig config(final EmbeddedKafka kafka, final String appId, final String name) throws Exception {
    final int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return SegstreamConfig.fromMap(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "application.id", appId,
        "state.dir", dir.resolve("state-" + name).toString(),
        "http.port", Integer.toString(port),
        "topics.partitions", "2",
        "streams.num-standby-replicas", "1",
        "streams.leave-group-on-close", "false",
        "text.enabled", "false",
        "sweep.interval-seconds", "3600"));
  }

  private static HttpResponse<String> get(final int port, final String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
