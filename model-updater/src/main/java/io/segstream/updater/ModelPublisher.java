package io.segstream.updater;

import io.segstream.avro.SegmentModel;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a model together with the offsets of the vectors it was trained on, in one Kafka
 * transaction: either both the new model and the consumer position become visible, or neither. A
 * restarted updater therefore resumes training exactly where the published model left off.
 *
 * <p>The transactional id is fixed per application and model name ({@link #transactionalId}), so
 * {@link #init()} by a newer updater fences an older one (a zombie's next publication fails with
 * {@link ProducerFencedException}). One publisher per activation; not thread-safe.
 */
public final class ModelPublisher implements AutoCloseable {
  private final Producer<String, SegmentModel> producer;
  private final String topic;

  /** {@code <applicationId>-updater-<modelName>}. */
  public static String transactionalId(final String applicationId, final String modelName) {
    return applicationId + "-updater-" + modelName;
  }

  /**
   * @param clientBase bootstrap servers and pass-through client settings ({@code SegstreamConfig.kafkaClientBase()})
   */
  public ModelPublisher(final Map<String, Object> clientBase, final String topic, final String transactionalId) {
    this.topic = Objects.requireNonNull(topic, "topic");
    final Map<String, Object> props = new HashMap<>();
    // Blocking calls (initTransactions, commit) give up after this, so a dead broker means a log line and a retry.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.putAll(clientBase);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), AvroSerdes.SEGMENT_MODEL.serializer());
  }

  /** For tests: any producer (e.g. a MockProducer). */
  ModelPublisher(final Producer<String, SegmentModel> producer, final String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Registers the transactional id, fencing any older updater of this model and finishing its open transaction. */
  public void init() {
    producer.initTransactions();
  }

  /**
   * Writes {@code model} (key = model name) and commits {@code offsets} for {@code group} atomically.
   *
   * @throws ProducerFencedException if another updater took over (fatal for this publisher: close it)
   * @throws KafkaException for anything else; the transaction was aborted, close and start over
   */
  public void publish(final Segmentation model, final Map<TopicPartition, OffsetAndMetadata> offsets,
      final ConsumerGroupMetadata group) {
    producer.beginTransaction();
    try {
      producer.send(new ProducerRecord<>(topic, model.name(), SegmentationCodec.toAvro(model)));
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      producer.commitTransaction();
    } catch (final ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
        | AuthorizationException | UnsupportedVersionException fatal) {
      throw fatal;
    } catch (final KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (final KafkaException ignored) {
        // The producer is unusable either way; the caller closes it and starts over.
      }
      throw e;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
