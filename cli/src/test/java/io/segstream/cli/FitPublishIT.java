package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.fit.VectorCsv;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.schemas.AvroSerdes;
import io.segstream.updater.ModelTopicReader;
import io.segstream.updater.ModelUpdater;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrapping from history: {@code segstream fit --publish} puts the fitted model on the model topic as the first
 * model, the model updater resumes from it instead of bootstrapping, and a second fit starts a new generation
 * whose segment ids never reuse the first one's.
 */
class FitPublishIT {
  @TempDir Path dir;

  private static String[] fit(final Path csv, final Path out, final String bootstrap) {
    return new String[] {"fit", "--vectors", csv.toString(), "--k", "3", "--restarts", "3", "--output",
        out.toString(), "--publish", "--set", "bootstrap.servers=" + bootstrap, "--set", "topics.partitions=1"};
  }

  private static int run(final String... args) {
    final PrintStream stdout = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return SegstreamCommand.commandLine().execute(args);
    } finally {
      System.setOut(stdout);
    }
  }

  /** Three groups of users, far apart on every feature. */
  private static double[] vector(final int group, final int d, final SplittableRandom r) {
    final double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = 3 * group + 0.3 * r.nextGaussian();
    }
    return v;
  }

  @Test
  void theFittedModelIsTheFirstModelAndTheUpdaterResumesFromIt() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SegstreamConfig config = SegstreamConfig.fromMap(Map.of("bootstrap.servers", kafka.bootstrapServers(),
          "application.id", "fit-it", "topics.partitions", "1", "updater.bootstrap-vectors", "1000",
          "updater.batch-size", "100", "updater.publish-interval-seconds", "1", "updater.max-batch-wait-ms", "200"));
      final FeatureRegistry registry = FeatureRegistry.standard(config.features());
      final int d = registry.dimension();
      final SplittableRandom r = new SplittableRandom(5);
      final double[][] rows = new double[600][];
      final List<String> ids = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        rows[i] = vector(i % 3, d, r);
        ids.add("u" + i);
      }
      final Path csv = dir.resolve("history.csv");
      VectorCsv.writeFeatureVectors(csv, registry.clusteringNames(), ids, rows, Instant.now(), registry.featureSetId());

      assertThat(run(fit(csv, dir.resolve("m1.json"), kafka.bootstrapServers()))).isZero();
      final Segmentation first = latest(config).orElseThrow();
      assertThat(first.version()).isEqualTo(1);
      assertThat(first.generation()).isEqualTo(1);
      assertThat(first.featureSet()).isEqualTo(registry.featureSetId());
      assertThat(first.segments()).extracting(Segment::id).containsExactly(0, 1, 2);
      assertThat(first.trainedVectors()).isEqualTo(600);
      assertThat(first.scaler()).isEqualTo(Scaler.fit(rows));

      // The updater finds the model and carries on from it: no bootstrap, same generation and ids.
      try (ModelUpdater updater = new ModelUpdater(config, registry, new SimpleMeterRegistry(),
          java.time.Clock.systemUTC()).start();
          KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
              kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < 300; i++) {
          final List<Double> values = new ArrayList<>();
          for (final double v : vector(i % 3, d, r)) {
            values.add(v);
          }
          producer.send(new ProducerRecord<>(config.topics().featureVectors(), "u" + i,
              AvroSerdes.FEATURE_VECTOR.serialize("t", FeatureVector.newBuilder().setUserId("u" + i)
                  .setTimestamp(Instant.now()).setFeatureSet(registry.featureSetId()).setValues(values)
                  .setSource(VectorSource.SAMPLE).build())));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> latest(config).map(Segmentation::version).orElse(0L) >= 2);
      }
      final Segmentation resumed = latest(config).orElseThrow();
      assertThat(resumed.generation()).isEqualTo(1);
      assertThat(resumed.segments()).extracting(Segment::id).containsExactlyInAnyOrder(0, 1, 2);
      assertThat(resumed.trainedVectors()).isGreaterThan(600);

      // A second fit on the same history is a new generation with ids that were never used.
      assertThat(run(fit(csv, dir.resolve("m2.json"), kafka.bootstrapServers()))).isZero();
      final Segmentation refitted = latest(config).orElseThrow();
      assertThat(refitted.version()).isEqualTo(resumed.version() + 1);
      assertThat(refitted.generation()).isEqualTo(2);
      assertThat(refitted.segments()).extracting(Segment::id).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(3));
      assertThat(SegmentationCodec.toAvro(refitted).getFeatureSet()).isEqualTo(registry.featureSetId());
    }
  }

  private static Optional<Segmentation> latest(final SegstreamConfig config) {
    return ModelTopicReader.latest(config.kafkaClientBase(), config.topics().model(), config.modelName(),
        Duration.ofSeconds(30), c -> { });
  }
}
