package io.segstream.streams;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.text.TextTopics;
import io.segstream.streams.topology.SegmentationTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure segstream's topics exist with the shape the topology relies on: the model and assignments
 * topics compacted, the model topic a single partition (one latest model per name, read in order), and
 * the input, re-key and deletions topics with equal partition counts (a user's events and erasure
 * requests must reach the same task).
 *
 * <p>Topics it creates (except the model topic) use log-append time: Kafka's time-based retention reads
 * record timestamps, so a replay of events from last year, timestamped with their event time, would
 * otherwise be deleted as soon as its log segment rolls, possibly before it is processed.
 */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicSetup() {}

  /** Thrown when existing topics cannot work, with what to do about it. */
  public static final class TopicSetupException extends RuntimeException {
    TopicSetupException(final String message) {
      super(message);
    }
  }

  public static void ensure(final SegstreamConfig config) {
    final Map<String, Object> props = new HashMap<>(config.kafkaClientBase());
    props.put("request.timeout.ms", 15_000);
    props.put("default.api.timeout.ms", 30_000);
    try (Admin admin = Admin.create(props)) {
      ensure(config, admin);
    }
  }

  public static void ensure(final SegstreamConfig config, final Admin admin) {
    final SegstreamConfig.Topics t = config.topics();
    final Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
        "list topics on " + String.join(",", config.bootstrapServers()));
    final Map<String, Integer> partitions = describe(admin, existing);

    // The partition count of the co-partitioned group: existing input topics decide, else the config.
    final List<String> coPartitioned = new ArrayList<>(t.events());
    coPartitioned.add(t.deletions());
    coPartitioned.add(SegmentationTopology.rekeyTopic(config));
    coPartitioned.add(TextTopics.reviewSignals(config));
    final Map<String, Integer> found = new LinkedHashMap<>();
    for (final String name : coPartitioned) {
      if (partitions.containsKey(name)) {
        found.put(name, partitions.get(name));
      }
    }
    final int n = found.isEmpty() ? t.partitions() : found.values().iterator().next();
    if (found.values().stream().anyMatch(p -> p != n)) {
      throw new TopicSetupException("input, deletions, re-key and review-signals topics must have the same number of partitions, but"
          + " they have " + found + ". Re-create the odd ones out with " + n + " partitions (or point segstream at"
          + " topics that match).");
    }

    final Map<String, NewTopic> wanted = new LinkedHashMap<>();
    coPartitioned.forEach(name -> wanted.put(name, topic(config, name, n, false)));
    wanted.put(t.featureVectors(), topic(config, t.featureVectors(), n, false));
    wanted.put(t.changes(), topic(config, t.changes(), n, false));
    wanted.put(t.assignments(), topic(config, t.assignments(), n, true));
    wanted.put(t.deadLetter(), topic(config, t.deadLetter(), n, false));
    wanted.put(t.model(), topic(config, t.model(), 1, true));
    wanted.put(TextTopics.productCategories(config), topic(config, TextTopics.productCategories(config), n, true));
    wanted.put(TextTopics.productNames(config), topic(config, TextTopics.productNames(config), n, false));
    wanted.put(TextTopics.ratings(config), topic(config, TextTopics.ratings(config), 1, false));
    wanted.put(TextTopics.sentimentHead(config), topic(config, TextTopics.sentimentHead(config), 1, true));

    final List<NewTopic> missing = wanted.values().stream().filter(nt -> !existing.contains(nt.name())).toList();
    if (!missing.isEmpty() && !t.create()) {
      throw new TopicSetupException("missing topics " + missing.stream().map(NewTopic::name).toList()
          + " and topics.create=false; create them (model and assignments with cleanup.policy=compact) or set"
          + " topics.create=true");
    }
    if (!missing.isEmpty()) {
      try {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("created topics {}", missing.stream().map(nt -> nt.name() + "(" + nt.numPartitions() + ")").toList());
      } catch (final ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new TopicSetupException("cannot create topics " + missing.stream().map(NewTopic::name).toList() + ": "
              + e.getCause().getMessage());
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicSetupException("interrupted while creating topics");
      } catch (final TimeoutException e) {
        throw new TopicSetupException("timed out creating topics on " + String.join(",", config.bootstrapServers()));
      }
    }
    final Integer modelPartitions = partitions.get(t.model());
    if (modelPartitions != null && modelPartitions != 1) {
      LOG.warn("model topic {} has {} partitions; one is enough and keeps models in order", t.model(), modelPartitions);
    }
  }

  private static NewTopic topic(final SegstreamConfig config, final String name, final int partitions,
      final boolean compacted) {
    final short rf = config.topics().replicationFactor();
    final NewTopic nt = new NewTopic(name, Optional.of(partitions), rf < 1 ? Optional.empty() : Optional.of(rf));
    final Map<String, String> configs = new HashMap<>();
    if (compacted) {
      configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    if (!name.equals(config.topics().model())) {
      configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
    }
    return nt.configs(configs);
  }

  private static Map<String, Integer> describe(final Admin admin, final Set<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    final Map<String, TopicDescription> d = call(
        () -> admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "describe topics");
    final Map<String, Integer> out = new HashMap<>();
    d.forEach((k, v) -> out.put(k, v.partitions().size()));
    return out;
  }

  private interface Call<T> {
    T get() throws Exception;
  }

  private static <T> T call(final Call<T> c, final String what) {
    try {
      return c.get();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException("interrupted: " + what);
    } catch (final TimeoutException e) {
      throw new TopicSetupException("timed out trying to " + what + "; is Kafka running there?");
    } catch (final Exception e) {
      final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new TopicSetupException("cannot " + what + ": " + cause.getMessage());
    }
  }
}
