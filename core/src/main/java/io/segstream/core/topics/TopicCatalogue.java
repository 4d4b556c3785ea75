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

  /** Events not keyed by their userId are re-keyed through this topic. */
  public String rekey() {
    return config.applicationId() + "-events-by-user";
  }

  /** REVIEW_SIGNALS events keyed by userId, from the text stage; co-partitioned with the input topics. */
  public String reviewSignals() {
    return config.applicationId() + "-review-signals";
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
    names.add(rekey());
    names.add(reviewSignals());
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
