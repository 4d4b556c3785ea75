package io.segstream.streams.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where an interactive query is answered, in the manner of Confluent's {@code MetadataService}: a key goes to the
 * instance whose active task holds its partition, and when that one cannot answer (dead, restoring, moving) to the
 * instances holding a standby copy, whose answers are marked possibly stale. Queries over all users go to every
 * instance and say which ones did not answer.
 *
 * <p>A key is always read from its own partition's store ({@link StoreQueryParameters#withPartition}), never from
 * "all local stores": while a partition restores it is in no local store, and looking there answered a false 404.
 */
public final class QueryRouter {
  /** Set on forwarded requests so the receiver answers from its own stores instead of forwarding again. */
  public static final String LOCAL_ONLY_HEADER = "X-Segstream-Local";
  /** Set on requests forwarded to a standby: answer from a standby copy of the partition if need be. */
  public static final String STALE_OK_HEADER = "X-Segstream-Stale-Ok";
  /** On answers read from a standby copy, which may lag the active one by up to a commit interval or a failover. */
  public static final String POSSIBLY_STALE_HEADER = "X-Segstream-Possibly-Stale";

  private final KafkaStreams streams;
  private final HostInfo self;
  /**
   * HTTP/1.1 on purpose: the JDK client's default HTTP/2 sends an h2c upgrade request on every new plain-text
   * connection, which the other instance's Jetty ignores, so it only added headers and a failed negotiation.
   */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private final Optional<String> token;

  /** @param token the bearer token to forward requests with, when the API requires one */
  public QueryRouter(final KafkaStreams streams, final HostInfo self, final Optional<String> token) {
    this.streams = streams;
    this.self = self;
    this.token = token;
  }

  /** An answer and whether it may lag the active copy. */
  public record Answer(String body, boolean possiblyStale) {}

  /** Answers from this instance's copy of one partition; {@code allowStale} when that copy may be a standby. */
  @FunctionalInterface
  public interface LocalAnswer {
    Answer answer(int partition, boolean allowStale) throws IOException;
  }

  /** The instances that may answer for a key, best first: the active one, then those with a standby copy. */
  public record KeyHosts(int partition, HostInfo active, List<HostInfo> standbys) {}

  public KeyHosts hostsFor(final String store, final String key) {
    final KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, new StringSerializer());
    if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
      throw new QueryException(503, "no instance holds store " + store + " right now (starting or rebalancing);"
          + " retry shortly");
    }
    return new KeyHosts(meta.partition(), meta.activeHost(), List.copyOf(meta.standbyHosts()));
  }

  /**
   * Answers for {@code key} from the first instance that can: the active one, then the standbys. A 4xx from any
   * of them is the answer (the key is unknown, the request is bad); unreachable or restoring instances are skipped.
   *
   * @param pathAndQuery the request to forward to another instance
   * @throws QueryException 503 when no copy of the key's partition can answer right now
   */
  public Answer route(final String store, final String key, final String pathAndQuery, final LocalAnswer local)
      throws IOException {
    final KeyHosts hosts = hostsFor(store, key);
    final List<String> failures = new ArrayList<>();
    final List<HostInfo> candidates = new ArrayList<>();
    candidates.add(hosts.active());
    candidates.addAll(hosts.standbys());
    for (int i = 0; i < candidates.size(); i++) {
      final HostInfo host = candidates.get(i);
      final boolean standby = i > 0;
      try {
        return host.equals(self) ? local.answer(hosts.partition(), standby)
            : forward(host, pathAndQuery, standby);
      } catch (final QueryException e) {
        if (e.status() < 500) {
          throw e;
        }
        failures.add((standby ? "standby " : "active ") + host.host() + ":" + host.port() + ": " + e.getMessage());
      }
    }
    throw new QueryException(503, "partition " + hosts.partition() + " cannot be read right now (" + String.join("; ",
        failures) + "); retry shortly");
  }

  /**
   * This instance's store for one partition: the active copy, or with {@code allowStale} a standby one. Kafka
   * Streams resolves the copy lazily, so reads may throw {@link InvalidStateStoreException}; see
   * {@link #notHeld}.
   */
  public <K, V> ReadOnlyKeyValueStore<K, V> partitionStore(final String name, final int partition,
      final boolean allowStale) {
    StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> params =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()).withPartition(partition);
    if (allowStale) {
      params = params.enableStaleStores();
    }
    return streams.store(params);
  }

  /** The 503 for a partition this instance holds no readable copy of (restoring, moved, or never here). */
  public QueryException notHeld(final String name, final int partition, final boolean allowStale) {
    return new QueryException(503, "partition " + partition + " of " + name + " is not "
        + (allowStale ? "held" : "active and running") + " here (" + streams.state() + "); retry shortly");
  }

  /** Answers gathered from every other instance, and the instances that did not answer. */
  public record FanOut<T>(List<T> answers, List<String> unanswered) {}

  public <T> FanOut<T> fanOut(final String pathAndQuery, final Class<T> type) {
    final List<T> answers = new ArrayList<>();
    final List<String> unanswered = new ArrayList<>();
    for (final HostInfo other : otherInstances()) {
      try {
        answers.add(json.readValue(forward(other, pathAndQuery, false).body(), type));
      } catch (final QueryException | IOException e) {
        unanswered.add(other.host() + ":" + other.port());
      }
    }
    return new FanOut<>(answers, unanswered);
  }

  /** Whether this instance runs an active task with {@code store}: one that has only standbys holds nobody. */
  public boolean activeHere(final String store) {
    return streams.metadataForAllStreamsClients().stream()
        .anyMatch(md -> md.hostInfo().equals(self) && md.stateStoreNames().contains(store));
  }

  /** Every other instance of the application that holds user state. */
  public List<HostInfo> otherInstances() {
    final List<HostInfo> out = new ArrayList<>();
    for (final StreamsMetadata md : streams.metadataForAllStreamsClients()) {
      if (!md.hostInfo().equals(self)) {
        out.add(md.hostInfo());
      }
    }
    return out;
  }

  private Answer forward(final HostInfo host, final String pathAndQuery, final boolean staleOk) throws IOException {
    final HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
        + pathAndQuery)).header(LOCAL_ONLY_HEADER, "true").timeout(Duration.ofSeconds(5)).GET();
    if (staleOk) {
      req.header(STALE_OK_HEADER, "true");
    }
    token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
    try {
      final HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() >= 400 && resp.statusCode() < 500) {
        throw new QueryException(resp.statusCode(), errorMessage(resp.body()));
      }
      if (resp.statusCode() != 200) {
        throw new QueryException(resp.statusCode() == 503 ? 503 : 502, "answered " + resp.statusCode() + ": "
            + errorMessage(resp.body()));
      }
      return new Answer(resp.body(), resp.headers().firstValue(POSSIBLY_STALE_HEADER).map("true"::equals)
          .orElse(false));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException(503, "interrupted while asking instance " + host);
    } catch (final IOException e) {
      throw new QueryException(502, "did not answer (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  private String errorMessage(final String body) {
    try {
      return json.readValue(body, Responses.Error.class).error();
    } catch (final IOException e) {
      return body;
    }
  }
}
