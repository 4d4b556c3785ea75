package io.segstream.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API behind bearer tokens, on a real server: who gets in, and what the refusals say. */
class BearerAuthTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private RestServer server;

  private void start(final Map<String, String> settings) {
    final SegstreamConfig c = SegstreamConfig.fromMap(settings);
    server = RestServer.start("localhost", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> new HealthStatus(true, Map.of("status", "UP")), BearerAuth.of(c.http().auth()));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(final String path, final Optional<String> token) throws Exception {
    final HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    token.ifPresent(t -> r.header("Authorization", "Bearer " + t));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withTokensOnlyTheirHoldersGetInAndRefusalsSayWhy() throws Exception {
    start(Map.of("http.auth.tokens", "s3cret, other", "http.auth.open-paths", "/health"));
    final HttpResponse<String> none = get("/metrics", Optional.empty());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(none.body()).contains("needs a bearer token").contains("http.auth.tokens");
    final HttpResponse<String> wrong = get("/metrics", Optional.of("guess"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("not accepted");
    assertThat(get("/metrics", Optional.of("other")).statusCode()).isEqualTo(200);
    assertThat(get("/health", Optional.empty()).statusCode()).as("open by setting").isEqualTo(200);
    assertThat(get("/", Optional.empty()).statusCode()).as("the dashboard page holds no data and is never behind a token")
        .isNotIn(401, 403);
  }

  @Test
  void withoutTokensEverythingIsOpenAndTheConfigNeverPrintsThem() throws Exception {
    start(Map.of());
    assertThat(get("/metrics", Optional.empty()).statusCode()).isEqualTo(200);
    assertThat(SegstreamConfig.fromMap(Map.of("http.auth.tokens", "s3cret")).http().toString())
        .doesNotContain("s3cret");
  }
}
