package io.segstream.cli;

import io.segstream.avro.SegmentModel;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.TopicSetup;
import io.segstream.updater.ModelTopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts a fitted model on the model topic, after the model of that name already there (if any). */
final class FitPublisher {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private FitPublisher() {}

  /**
   * @param build the model to publish, given the latest one on the topic
   * @return the model published and where it went
   */
  static Published publish(final SegstreamConfig config, final Function<Optional<Segmentation>, Segmentation> build) {
    if (config.topics().create()) {
      TopicSetup.ensure(config); // the model topic must be compacted: never let the producer auto-create it
    }
    final Optional<Segmentation> previous;
    try {
      previous = ModelTopicReader.latest(config.kafkaClientBase(), config.topics().model(), config.modelName(), TIMEOUT,
          consumer -> { });
    } catch (final org.apache.kafka.common.errors.TimeoutException e) {
      throw new SegstreamCommand.UsageError("cannot read the model topic '" + config.topics().model() + "' on "
          + String.join(",", config.bootstrapServers()) + ": " + e.getMessage()
          + " (is the broker reachable, and does the topic exist? set bootstrap.servers with --config or --set)");
    }
    final Segmentation model = build.apply(previous);
    final Map<String, Object> props = new HashMap<>(config.kafkaClientBase());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (KafkaProducer<String, SegmentModel> producer =
             new KafkaProducer<>(props, new StringSerializer(), AvroSerdes.SEGMENT_MODEL.serializer())) {
      final RecordMetadata at = producer.send(new ProducerRecord<>(config.topics().model(), model.name(),
          SegmentationCodec.toAvro(model))).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Published(model, previous, at.topic(), at.partition(), at.offset());
    } catch (final ExecutionException | TimeoutException e) {
      throw new SegstreamCommand.UsageError("could not publish the model to '" + config.topics().model() + "': "
          + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SegstreamCommand.UsageError("interrupted while publishing the model");
    }
  }

  record Published(Segmentation model, Optional<Segmentation> replaced, String topic, int partition, long offset) {}
}
