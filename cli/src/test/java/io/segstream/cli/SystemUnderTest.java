package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a whole-system IT (streams app and updater on a real broker) starts from, so each test states only
 * what it changes: a free HTTP port, state under the test's directory, two partitions, a sweep every 2 s and an
 * updater that publishes soon (200 bootstrap vectors, every 2 s).
 *
 * @param config   the loaded configuration
 * @param httpPort the streams app's HTTP port, free when chosen
 */
public record SystemUnderTest(SegstreamConfig config, int httpPort) {

  /** @param changes settings of this test, over the defaults above */
  public static SystemUnderTest on(final String bootstrapServers, final Path dir, final String applicationId,
      final Map<String, String> changes) {
    final Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    return load(Optional.empty(), settings, dir, applicationId, changes);
  }

  /** As {@link #on}, with the broker's address and client settings from a config file. */
  public static SystemUnderTest fromFile(final Path configFile, final Path dir, final String applicationId,
      final Map<String, String> changes) {
    return load(Optional.of(configFile), new LinkedHashMap<>(), dir, applicationId, changes);
  }

  private static SystemUnderTest load(final Optional<Path> file, final Map<String, String> settings, final Path dir,
      final String applicationId, final Map<String, String> changes) {
    final int port = freePort();
    settings.put("application.id", applicationId);
    settings.put("state.dir", dir.resolve("state").toString());
    settings.put("http.port", Integer.toString(port));
    settings.put("topics.partitions", "2");
    settings.put("sweep.interval-seconds", "2");
    settings.put("updater.bootstrap-vectors", "200");
    settings.put("updater.publish-interval-seconds", "2");
    settings.putAll(changes);
    return new SystemUnderTest(SegstreamConfig.load(file, Map.of(), settings), port);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("no free port for the HTTP server", e);
    }
  }
}
