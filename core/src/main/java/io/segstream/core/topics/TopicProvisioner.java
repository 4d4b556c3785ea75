package io.segstream.core.topics;

import io.segstream.core.config.SegstreamConfig;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the missing ones among a service's topics exactly as the {@link TopicCatalogue} describes them, and
 * refuses co-partitioned topics whose partition counts differ (a user's events and erasure requests must reach
 * the same task). The co-partitioned group's count comes from whichever of its topics exist, else from
 * {@code topics.partitions}, so a service that creates only some topics still sizes them like the rest.
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicProvisioner() {}

  /** Ensures every topic of the system (what the streams app needs). */
  public static void ensureAll(final SegstreamConfig config) {
    ensure(config, TopicCatalogue.of(config).all());
  }

  /** Ensures {@code wanted}, with an admin client of its own. */
  public static void ensure(final SegstreamConfig config, final List<TopicSpec> wanted) {
    final Map<String, Object> props = new HashMap<>(config.kafkaClientBase());
    props.put("request.timeout.ms", 15_000);
    props.put("default.api.timeout.ms", 30_000);
    try (Admin admin = Admin.create(props)) {
      ensure(config, admin, wanted);
    }
  }

  public static void ensure(final SegstreamConfig config, final Admin admin, final List<TopicSpec> wanted) {
    final SegstreamConfig.Topics t = config.topics();
    final TopicCatalogue catalogue = TopicCatalogue.of(config);
    final String where = String.join(",", config.bootstrapServers());
    final Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
        "list topics on " + where);
    final Map<String, Integer> partitions = describe(admin, existing);

    final Map<String, Integer> found = new LinkedHashMap<>();
    for (final String name : catalogue.coPartitioned()) {
      if (partitions.containsKey(name)) {
        found.put(name, partitions.get(name));
      }
    }
    final int n = found.isEmpty() ? t.partitions() : found.values().iterator().next();
    if (found.values().stream().anyMatch(p -> p != n)) {
      throw new TopicSetupException("input, deletions and by-user topics must have the same number of"
          + " partitions, but they have " + found + ". Re-create the odd ones out with " + n + " partitions (or point"
          + " segstream at topics that match).", false);
    }

    final List<NewTopic> missing = wanted.stream().filter(spec -> !existing.contains(spec.name()))
        .map(spec -> newTopic(spec, n, t.replicationFactor())).toList();
    if (!missing.isEmpty() && !t.create()) {
      throw new TopicSetupException("missing topics " + missing.stream().map(NewTopic::name).toList()
          + " and topics.create=false; create them (model and assignments with cleanup.policy=compact) or set"
          + " topics.create=true", false);
    }
    if (!missing.isEmpty()) {
      create(admin, missing, where);
    }
    final Integer modelPartitions = partitions.get(t.model());
    if (modelPartitions != null && modelPartitions != 1) {
      LOG.warn("model topic {} has {} partitions; one is enough and keeps models in order", t.model(), modelPartitions);
    }
  }

  /** Creates {@code missing}; one that another service created meanwhile counts as created. */
  private static void create(final Admin admin, final List<NewTopic> missing, final String where) {
    try {
      admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("created topics {}", missing.stream().map(nt -> nt.name() + "(" + nt.numPartitions() + ")").toList());
    } catch (final ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new TopicSetupException("cannot create topics " + missing.stream().map(NewTopic::name).toList() + ": "
            + e.getCause().getMessage(), false);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException("interrupted while creating topics", false);
    } catch (final TimeoutException e) {
      throw new TopicSetupException("timed out creating topics on " + where, true);
    }
  }

  static NewTopic newTopic(final TopicSpec spec, final int coPartitioned, final short replicationFactor) {
    return new NewTopic(spec.name(), Optional.of(spec.partitions(coPartitioned)),
        replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor)).configs(spec.configs());
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
      throw new TopicSetupException("interrupted: " + what, false);
    } catch (final TimeoutException e) {
      throw new TopicSetupException("timed out trying to " + what + "; is Kafka running there?", true);
    } catch (final Exception e) {
      final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new TopicSetupException("cannot " + what + ": " + cause.getMessage(),
          cause instanceof org.apache.kafka.common.errors.RetriableException);
    }
  }
}
