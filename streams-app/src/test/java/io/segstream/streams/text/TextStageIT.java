package io.segstream.streams.text;

import static io.segstream.core.features.Events.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.EventType;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.testkit.BrokerExtension;
import io.segstream.testkit.Clients;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text stage with the real model, inside the streams app, against a real broker: angry delivery reviews
 * end up as delivery complaints in the user's features, and a product sent without a category gets one
 * that the hot path then uses.
 */
class TextStageIT {
  @RegisterExtension static final BrokerExtension KAFKA = new BrokerExtension();
  @TempDir static Path dir;
  private static StreamsApp app;
  private static SegstreamConfig config;
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
        "application.id", "text-it-" + UUID.randomUUID().toString().substring(0, 8),
        "state.dir", dir.resolve("state").toString(),
        "http.port", Integer.toString(port),
        "topics.partitions", "2",
        "text.batch-size", "4",
        "text.max-batch-wait-ms", "300"));
    app = StreamsApp.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CategoryResolver.shopCategory());
    await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static void send(final List<UserEvent> events) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = Clients.bytesProducer(config)) {
      for (final UserEvent e : events) {
        producer.send(new ProducerRecord<>(config.topics().events().getFirst(),
            e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("", e))).get();
      }
    }
  }

  private static UserEvent review(final String user, final long t, final String text, final int stars) {
    return Events.base(user, t, "s-" + user, EventType.REVIEW).setProduct(Events.product("p-lamp", "home", 30))
        .setReview(Review.newBuilder().setRating(stars).setText(text).build()).build();
  }

  private static UserEvent view(final String user, final long t, final String productId, final String name) {
    return Events.base(user, t, "s-" + user, EventType.PAGE_VIEW)
        .setProduct(Product.newBuilder().setProductId(productId).setName(name).setPrice(12).build()).build();
  }

  private static JsonNode features(final String user) throws Exception {
    final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + app.httpPort() + "/v1/users/" + user)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body()).get("features") : null;
  }

  private static String derivedCategory(final String productId) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("group.id", "reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    final Map<String, String> seen = new HashMap<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(TextTopics.productCategories(config)));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
        return seen.containsKey(productId);
      });
    }
    return seen.get(productId);
  }

  @Test
  void reviewTextReachesUserFeaturesAndUncategorisedProductsGetACategory() throws Exception {
    final long t0 = System.currentTimeMillis() - 2 * DAY;
    send(List.of(
        view("angry", t0, "u-candle", "Scented soy candle in a glass jar"),
        review("angry", t0 + 1_000, "Ordered three weeks ago and it still hasn't shown up. The courier keeps"
            + " rescheduling.", 1),
        review("angry", t0 + 2_000, "Parcel turned up a fortnight late, box smashed to pieces.", 1),
        review("happy", t0 + 3_000, "Gorgeous lamp, exactly as pictured. Love it!", 5)));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      final JsonNode angry = features("angry");
      assertThat(angry).isNotNull();
      assertThat(angry.get("delivery_complaints").asDouble()).isGreaterThan(0.5);
      assertThat(angry.get("review_sentiment").asDouble()).isLessThan(-0.5);
      final JsonNode happy = features("happy");
      assertThat(happy).isNotNull();
      assertThat(happy.get("review_sentiment").asDouble()).isGreaterThan(0.3);
      assertThat(happy.get("delivery_complaints").asDouble()).isLessThan(0.2);
    });

    // The candle came without a category: the text stage classified it from its name...
    assertThat(derivedCategory("u-candle")).isEqualTo("home");
    Thread.sleep(1_000); // ...and the segmentation app's global store picks the answer up
    send(List.of(view("browser", t0 + 5_000, "u-candle", "Scented soy candle in a glass jar")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      final JsonNode browser = features("browser");
      assertThat(browser).isNotNull();
      assertThat(browser.get("category_share_home").asDouble()).isEqualTo(1.0);
    });

    // Three ratings are far from text.head.min-ratings: the anchors still give sentiment, and the API says so.
    final HttpResponse<String> textModel = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + app.httpPort() + "/v1/text-model")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(textModel.statusCode()).isEqualTo(200);
    final JsonNode tm = JSON.readTree(textModel.body());
    assertThat(tm.get("sentimentSource").asText()).isEqualTo("anchors");
    assertThat(tm.get("headVersion").asLong()).isZero();
    assertThat(tm.get("learning").asBoolean()).isTrue();
    assertThat(tm.get("complaints").asText()).startsWith("zero-shot");

    final String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort()
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("segstream_text_texts_total{kind=\"review\"} 3.0")
        .contains("segstream_text_batch_latency_seconds_count{kind=\"product\"}")
        .contains("segstream_text_categories_derived_total{category=\"home\"} 1.0");
  }
}
