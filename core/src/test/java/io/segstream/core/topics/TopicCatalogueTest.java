package io.segstream.core.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.topics.TopicSpec.Partitioning;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {
  private final SegstreamConfig config = SegstreamConfig.fromMap(Map.of("application.id", "shop",
      "topics.events", "web.events,app.events"));
  private final TopicCatalogue catalogue = TopicCatalogue.of(config);

  @Test
  void theUpdatersTopicsAreShapedExactlyAsTheStreamsAppCreatesThem() {
    // They used to be defined twice, and log-append time on the vectors topic depended on who came first.
    assertThat(catalogue.all()).containsAll(catalogue.updater());
    final TopicSpec vectors = catalogue.updater().getFirst();
    assertThat(vectors.name()).isEqualTo(config.topics().featureVectors());
    assertThat(vectors.configs()).containsEntry("message.timestamp.type", "LogAppendTime");
    assertThat(vectors.partitioning()).isEqualTo(Partitioning.CO_PARTITIONED);
  }

  @Test
  void theModelTopicIsOneCompactedPartitionWithCreateTime() {
    final NewTopic model = TopicProvisioner.newTopic(catalogue.model(), 6, (short) 3);
    assertThat(model.numPartitions()).isEqualTo(1);
    assertThat(model.replicationFactor()).isEqualTo((short) 3);
    assertThat(model.configs()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
  }

  @Test
  void everyOtherTopicUsesLogAppendTimeAndTheCoPartitionedCount() {
    catalogue.all().stream().filter(s -> !s.equals(catalogue.model())).forEach(spec -> {
      final NewTopic t = TopicProvisioner.newTopic(spec, 6, (short) 0);
      // The text stage's rated embeddings and its sentiment head are one ordered history each.
      final boolean single = spec.name().equals(catalogue.ratings()) || spec.name().equals(catalogue.sentimentHead());
      assertThat(t.numPartitions()).as(spec.name()).isEqualTo(single ? 1 : 6);
      assertThat(t.replicationFactor()).as("broker default replication").isEqualTo((short) -1);
      assertThat(t.configs()).as(spec.name()).containsEntry("message.timestamp.type", "LogAppendTime");
    });
  }

  @Test
  void internalTopicsAreNamedAfterTheApplicationAndInputsShareOnePartitionCount() {
    assertThat(catalogue.coPartitioned()).containsExactly("web.events", "app.events", "segments.deletions",
        "shop-events-by-user");
    assertThat(catalogue.productNames()).isEqualTo("shop-text-product-names");
    assertThat(catalogue.all()).extracting(TopicSpec::name).doesNotHaveDuplicates()
        .contains("shop-product-categories", "segments.assignments", "segments.changes", "segments.dead-letter");
  }
}
