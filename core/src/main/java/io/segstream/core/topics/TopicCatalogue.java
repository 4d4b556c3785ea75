package io.segstream.core.topics;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.topics.TopicSpec.Partitioning;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic segstream uses, named and shaped in one place, so that whichever service creates a topic first
 * (streams app, text stage, updater, {@code segstream fit}) creates it the same way.
 *
 * <p>Internal topic names derive from {@code application.id}; the rest come from {@code topics.*} settings.
 */
public final class TopicCatalogue {
  private final SegstreamConfig config;

  private TopicCatalogue(final SegstreamConfig config) {
    this.config = config;
  }

  public static TopicCatalogue of(final SegstreamConfig config) {
    return new TopicCatalogue(config);
  }

  /** Application id of the text stage: its own consumer group, state and internal topics. */
  public String textApplicationId() {
    return config.applicationId() + "-text";
  }

  /**
   * The segmentation app's second input beside the shop's events, keyed by userId and co-partitioned with them:
   * events the parser re-keyed (they were not keyed by their userId), REVIEW_SIGNALS from the text stage, and
   * erasure requests (a null value) forwarded from the deletions topic. One topic rather than three, because Kafka
   * Streams checks every input partition of a task before each record it processes, and each usually empty one
   * cost about half a microsecond per event (docs/performance.md).
   */
  public String byUser() {
    return config.applicationId() + "-events-by-user";
  }

  /** Compacted: productId → derived category; the segmentation app holds it as a global store. */
  public String productCategories() {
    return config.applicationId() + "-product-categories";
  }

  /** Inside the text stage: names of uncategorised products keyed by productId, so each is classified once. */
  public String productNames() {
    return textApplicationId() + "-product-names";
  }

  /** Inside the text stage: rated reviews' embeddings for the sentiment head's learner; one partition. */
  public String ratings() {
    return textApplicationId() + "-ratings";
  }

  /** Compacted, one partition: the latest sentiment head, read by every review batcher through a global store. */
  public String sentimentHead() {
    return textApplicationId() + "-sentiment-head";
  }

  /** The topics whose partition counts must be equal: a user's events, signals and erasures meet in one task. */
  public List<String> coPartitioned() {
    final List<String> names = new ArrayList<>(config.topics().events());
    names.add(config.topics().deletions());
    names.add(byUser());
    return List.copyOf(names);
  }

  /** Every topic of the system, co-partitioned group first. */
  public List<TopicSpec> all() {
    final SegstreamConfig.Topics t = config.topics();
    final List<TopicSpec> specs = new ArrayList<>();
    coPartitioned().forEach(name -> specs.add(stream(name)));
    specs.add(stream(t.featureVectors()));
    specs.add(stream(t.changes()));
    specs.add(compacted(t.assignments()));
    specs.add(stream(t.deadLetter()));
    specs.add(model());
    specs.add(compacted(productCategories()));
    specs.add(stream(productNames()));
    specs.add(new TopicSpec(ratings(), Partitioning.SINGLE, false, true));
    specs.add(new TopicSpec(sentimentHead(), Partitioning.SINGLE, true, true));
    return List.copyOf(specs);
  }

  /** What the model updater reads and writes: the training stream and the model topic. */
  public List<TopicSpec> updater() {
    return List.of(stream(config.topics().featureVectors()), model());
  }

  /** The model topic: one partition (one ordered history, and the updater's lock), compacted, create time. */
  public TopicSpec model() {
    return new TopicSpec(config.topics().model(), Partitioning.SINGLE, true, false);
  }

  private static TopicSpec stream(final String name) {
    return new TopicSpec(name, Partitioning.CO_PARTITIONED, false, true);
  }

  private static TopicSpec compacted(final String name) {
    return new TopicSpec(name, Partitioning.CO_PARTITIONED, true, true);
  }
}
