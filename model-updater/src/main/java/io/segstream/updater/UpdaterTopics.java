package io.segstream.updater;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the updater's topics if they are missing: the training stream, and the model topic (1 partition, compacted). */
final class UpdaterTopics {
  private static final Logger log = LoggerFactory.getLogger(UpdaterTopics.class);

  private UpdaterTopics() {}

  static NewTopic modelTopic(final String name, final short replicationFactor) {
    return new NewTopic(name, Optional.of(1), replication(replicationFactor))
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  static NewTopic vectorsTopic(final String name, final int partitions, final short replicationFactor) {
    return new NewTopic(name, Optional.of(partitions), replication(replicationFactor));
  }

  private static Optional<Short> replication(final short rf) {
    return rf > 0 ? Optional.of(rf) : Optional.empty();
  }

  /**
   * Creates whichever of {@code topics} do not exist yet.
   *
   * @throws ExecutionException with the broker's reason (e.g. not authorised) if creation failed
   */
  static void createMissing(final Map<String, Object> clientBase, final List<NewTopic> topics, final long timeoutMs)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    try (Admin admin = Admin.create(clientBase)) {
      final Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      final List<NewTopic> missing = new ArrayList<>();
      for (final NewTopic t : topics) {
        if (!existing.contains(t.name())) {
          missing.add(t);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      final var result = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs((int) timeoutMs));
      for (final NewTopic t : missing) {
        try {
          result.values().get(t.name()).get(timeoutMs, TimeUnit.MILLISECONDS);
          log.info("created topic '{}' ({} partition(s){})", t.name(), t.numPartitions(),
              t.configs() == null || t.configs().isEmpty() ? "" : ", " + t.configs());
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }
}
