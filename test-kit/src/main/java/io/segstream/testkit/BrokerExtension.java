package io.segstream.testkit;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.topics.TopicProvisioner;
import io.segstream.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker for one test class: started before its first test, stopped (and its data
 * deleted) after its last. Register it as {@code @RegisterExtension static final BrokerExtension KAFKA = new
 * BrokerExtension();} and stop anything that uses it in an {@code @AfterAll} of the class (those run first).
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafka kafka;
  private Path dir;

  @Override
  public void beforeAll(final ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("segstream-it-kafka");
    kafka = EmbeddedKafka.start(dir, 0);
  }

  @Override
  public void afterAll(final ExtensionContext context) {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
    deleteRecursively(dir);
  }

  public String bootstrapServers() {
    if (kafka == null) {
      throw new IllegalStateException("the broker runs only between beforeAll and afterAll of the test class");
    }
    return kafka.bootstrapServers();
  }

  /** Creates every topic of the catalogue for this configuration, as the services do at start. */
  public void createTopics(final SegstreamConfig config) {
    TopicProvisioner.ensureAll(config);
  }

  private static void deleteRecursively(final Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
