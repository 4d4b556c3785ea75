package io.segstream.ingest.rfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running system's segments and who is in them, read over its REST API: the catalog from GET
 * /v1/segments, then each segment's members page by page from GET /v1/segments/{id}/users.
 *
 * @param modelVersion the model the catalog describes
 * @param segmentOf user id → segment id
 */
public record SystemAssignments(long modelVersion, List<SystemSegment> segments, Map<String, Integer> segmentOf) {
  private static final int PAGE = 10_000;

  public SystemAssignments {
    segments = List.copyOf(segments);
    segmentOf = Map.copyOf(segmentOf);
  }

  /** @throws IOException with the URL and the server's answer when the API cannot be read */
  public static SystemAssignments fetch(final URI base) throws IOException, InterruptedException {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    final JsonNode catalog = get(http, json, base.resolve("/v1/segments"));
    final List<SystemSegment> segments = new ArrayList<>();
    final Map<String, Integer> segmentOf = new HashMap<>();
    for (final JsonNode s : catalog.get("segments")) {
      final Map<String, Double> centroid = new LinkedHashMap<>();
      s.get("centroid").properties().forEach(e -> centroid.put(e.getKey(), e.getValue().asDouble()));
      final int id = s.get("id").asInt();
      segments.add(new SystemSegment(id, s.get("label").asText(), s.get("description").asText(), s.get("size").asLong(),
          centroid));
      String after = "";
      while (after != null) {
        final JsonNode page = get(http, json, base.resolve("/v1/segments/" + id + "/users?limit=" + PAGE + "&after="
            + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        page.get("users").forEach(u -> segmentOf.put(u.asText(), id));
        after = page.get("next").isNull() ? null : page.get("next").asText();
      }
    }
    return new SystemAssignments(catalog.get("modelVersion").asLong(), segments, segmentOf);
  }

  private static JsonNode get(final HttpClient http, final ObjectMapper json, final URI uri)
      throws IOException, InterruptedException {
    final HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (final IOException e) {
      throw new IOException("cannot reach " + uri + " (" + e.getClass().getSimpleName() + "); is segstream running"
          + " there? pass the HTTP address the demo prints as 'API:'", e);
    }
    if (r.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }
}
