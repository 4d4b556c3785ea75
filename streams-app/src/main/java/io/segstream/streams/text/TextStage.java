package io.segstream.streams.text;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.service.Service;
import io.segstream.core.service.ServiceHealth;
import io.segstream.streams.StreamsLifecycle;
import io.segstream.streams.StreamsProperties;
import io.segstream.text.SentenceEncoder;
import io.segstream.text.SentimentHead;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text stage running: its own Kafka Streams instance (application id {@code <application.id>-text},
 * one stream thread) so the model's batches never hold up the segmentation app's page views and orders,
 * whether it runs in the same process or on its own ({@code segstream text}).
 */
public final class TextStage implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(TextStage.class);

  private final KafkaStreams streams;
  private final SentenceEncoder encoder;
  private final KafkaStreamsMetrics streamsMetrics;
  private final SegstreamConfig config;

  private TextStage(final KafkaStreams streams, final SentenceEncoder encoder, final KafkaStreamsMetrics streamsMetrics,
      final SegstreamConfig config) {
    this.config = config;
    this.streams = streams;
    this.encoder = encoder;
    this.streamsMetrics = streamsMetrics;
  }

  /** Loads the model and starts the stage; the topics must exist ({@code TopicSetup.ensure}). */
  public static TextStage start(final SegstreamConfig config, final MeterRegistry metrics) {
    final SegstreamConfig.Text text = config.text();
    final SentenceEncoder encoder = TextModels.encoder(text);
    try {
      final TextModels models = TextModels.of(text, encoder);
      final KafkaStreams streams = new KafkaStreams(
          TextTopology.build(config, models, new TextMetrics(metrics, encoder), System::currentTimeMillis),
          properties(config));
      StreamsLifecycle.watch("text stage", streams, LOG);
      final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
      streamsMetrics.bindTo(metrics);
      streams.start();
      LOG.info("text stage '{}' started: {} review signals, {} categories (threshold {}), batches of {} or {} ms",
          TextTopics.applicationId(config), TextTopics.reviewSignals(config), models.products().categories().size(),
          text.similarityThreshold(), text.batchSize(), text.maxBatchWait().toMillis());
      return new TextStage(streams, encoder, streamsMetrics, config);
    } catch (final RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /** The segmentation app's settings, as its own application with one thread and no query endpoint. */
  static Properties properties(final SegstreamConfig config) {
    final Properties p = StreamsProperties.from(config);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, TextTopics.applicationId(config));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
    // Input the stage cannot use is already dead-lettered by the segmentation app; don't copy it twice.
    p.remove(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    return p;
  }

  /**
   * What reviews are scored with now: the learned sentiment head (its version and what it learned from) or, before
   * the first version, the anchors; complaints are always zero-shot.
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the stage starts or rebalances
   */
  public TextModelStatus textModel() {
    final SegstreamConfig.Text text = config.text();
    final Optional<SentimentHead> head = !text.head().enabled() ? Optional.empty()
        : Optional.ofNullable(streams.store(StoreQueryParameters.fromNameAndType(HeadStoreLoader.STORE,
            QueryableStoreTypes.<String, byte[]>keyValueStore())).get(SentimentHeadLearner.HEAD_KEY))
            .map(SentimentHead::fromBytes).filter(h -> h.dimension() == encoder.dimension());
    return TextModelStatus.of(encoder.description(), text.sentencePooling(), text.head(), head);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Up while its Kafka Streams instance runs or rebalances. */
  @Override
  public ServiceHealth health() {
    final KafkaStreams.State s = streams.state();
    return ServiceHealth.of(StreamsLifecycle.up(s), "textStage", s.name());
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(60));
    streamsMetrics.close();
    encoder.close();
  }
}
