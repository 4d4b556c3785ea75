package io.segstream.streams;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.topics.TopicCatalogue;
import io.segstream.core.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;

/**
 * Makes sure every segstream topic exists with the shape the topology relies on, as the shared
 * {@link TopicCatalogue} describes it (the updater creates its own topics from the same catalogue).
 */
public final class TopicSetup {
  private TopicSetup() {}

  /** @throws io.segstream.core.topics.TopicSetupException saying what to do when topics cannot work */
  public static void ensure(final SegstreamConfig config) {
    TopicProvisioner.ensureAll(config);
  }

  public static void ensure(final SegstreamConfig config, final Admin admin) {
    TopicProvisioner.ensure(config, admin, TopicCatalogue.of(config).all());
  }
}
