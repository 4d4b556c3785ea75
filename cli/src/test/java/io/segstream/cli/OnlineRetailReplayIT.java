package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.UserEvent;
import io.segstream.ingest.retail.OnlineRetailEvents;
import io.segstream.ingest.retail.RetailLimits;
import io.segstream.ingest.retail.RetailTally;
import io.segstream.ingest.send.KafkaEventSink;
import io.segstream.ingest.send.SendStats;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.testkit.Clients;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real shop data through the real system: the first 20,000 rows of the UCI Online Retail file (1-9 December
 * 2010), mapped and sent as `replay online-retail` does, into a running streams app and model updater on an
 * in-process broker. What arrives must be exactly what the mapping counted, every customer must become a
 * user in a segment, and nothing valid may be dead-lettered.
 */
class OnlineRetailReplayIT {
  private static final String SLICE = "/online-retail/first-20000-rows.csv.gz";
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aSliceOfRealDataBecomesUsersInSegmentsWithNothingDeadLettered() throws Exception {
    // The mapping's own account of the slice, and the events it makes.
    final List<UserEvent> events = new ArrayList<>();
    final RetailTally tally;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(getClass().getResourceAsStream(SLICE)), StandardCharsets.UTF_8))) {
      final OnlineRetailEvents source = new OnlineRetailEvents(in, RetailLimits.defaults(), Long.MAX_VALUE);
      Optional<UserEvent> e;
      while ((e = source.next()).isPresent()) {
        events.add(e.get());
      }
      tally = source.tally();
    }
    assertThat(tally.rowsRead()).isEqualTo(20_000);
    assertThat(tally.rowsInEvents() + tally.skipped()).isEqualTo(tally.rowsRead());
    final Map<EventType, Long> expected = new EnumMap<>(EventType.class);
    events.forEach(e -> expected.merge(e.getType(), 1L, Long::sum));
    assertThat(expected).containsEntry(EventType.PURCHASE, tally.purchases()).containsEntry(EventType.RETURN, tally.returns());
    final Set<String> customers = new HashSet<>();
    events.forEach(e -> customers.add(e.getUserId()));
    assertThat(customers).hasSize(tally.users()).hasSizeGreaterThan(500);

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SystemUnderTest system = SystemUnderTest.on(kafka.bootstrapServers(), dir, "replay-it", Map.of());
      final SegstreamConfig config = system.config();
      final int port = system.httpPort();
      final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (StreamsApp app = StreamsApp.start(config, metrics, CategoryResolver.shopCategory());
          ModelUpdater updater = new ModelUpdater(config, metrics).start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);

        final String topic = config.topics().events().getFirst();
        final SendStats sent;
        try (KafkaEventSink sink = KafkaEventSink.connect(kafka.bootstrapServers(), Map.of(), topic, "replay-it")) {
          events.forEach(sink::send);
          sink.flush();
          sent = sink.stats();
        }
        assertThat(sent.failed()).isZero();
        assertThat(sent.acknowledged()).isEqualTo(events.size());

        // On the topic: exactly the mapping's PURCHASE and RETURN events, keyed by customer.
        final Map<EventType, Long> onTopic = new EnumMap<>(EventType.class);
        final List<ConsumerRecord<String, byte[]>> records = Clients.readToEnd(config, topic, new ByteArrayDeserializer(), Duration.ofSeconds(30));
        for (final ConsumerRecord<String, byte[]> r : records) {
          final UserEvent e = AvroSerdes.USER_EVENT.decode(r.value());
          assertThat(r.key()).isEqualTo(e.getUserId());
          onTopic.merge(e.getType(), 1L, Long::sum);
        }
        assertThat(onTopic).isEqualTo(expected);

        // The app took every one of them in, and refused none.
        await().atMost(Duration.ofSeconds(30)).until(() ->
            counter(metrics, "segstream.events") + counter(metrics, "segstream.events.rejected") >= events.size());
        assertThat(counter(metrics, "segstream.events.rejected")).as("rejected").isZero();
        assertThat(counter(metrics, "segstream.events")).isEqualTo(events.size());

        // Every customer is a user, assigned to a segment once a model exists.
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          final Map<String, Integer> assigned = app.queries().localAssignments();
          assertThat(assigned.keySet()).isEqualTo(customers);
          assertThat(assigned.values()).doesNotContain(-1);
        });
        final JsonNode segments = json.readTree(get(port, "/v1/segments"));
        long total = 0;
        for (final JsonNode s : segments.get("segments")) {
          total += s.get("size").asLong();
          assertThat(s.get("label").asText()).isNotBlank();
        }
        assertThat(segments.get("segments").size()).isGreaterThanOrEqualTo(2);
        assertThat(total).isEqualTo(customers.size());
        assertThat(segments.get("users").asLong()).isEqualTo(customers.size());
        assertThat(segments.get("unassigned").asLong()).isZero();

        // A customer's features over REST are their invoices: orders counted, money summed.
        final String busiest = busiestCustomer(events);
        final JsonNode user = json.readTree(get(port, "/v1/users/" + busiest));
        final long orders = events.stream().filter(e -> e.getUserId().equals(busiest) && e.getType() == EventType.PURCHASE).count();
        final double spend = events.stream().filter(e -> e.getUserId().equals(busiest) && e.getType() == EventType.PURCHASE)
            .flatMap(e -> e.getItems().stream()).mapToDouble(OnlineRetailReplayIT::value).sum();
        assertThat(user.get("features").get("lifetime_orders").asDouble()).isEqualTo(orders);
        assertThat(user.get("features").get("lifetime_spend").asDouble()).isCloseTo(spend, org.assertj.core.data.Offset.offset(0.01));

        // And nothing on the dead-letter topic.
        assertThat(Clients.readToEnd(config, config.topics().deadLetter(), new ByteArrayDeserializer(),
            Duration.ofSeconds(30))).isEmpty();
      }
    }
  }

  private static double value(final LineItem li) {
    return li.getQuantity() * li.getProduct().getPrice() * (1 - li.getDiscount());
  }

  private static String busiestCustomer(final List<UserEvent> events) {
    final Map<String, Integer> n = new HashMap<>();
    events.forEach(e -> n.merge(e.getUserId(), 1, Integer::sum));
    return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static double counter(final PrometheusMeterRegistry metrics, final String name) {
    return Search.in(metrics).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private String get(final int port, final String path) throws Exception {
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }
}
