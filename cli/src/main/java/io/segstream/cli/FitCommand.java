package io.segstream.cli;

import io.segstream.core.config.ConfigKeys;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.fit.BadVectorFileException;
import io.segstream.core.fit.FitResult;
import io.segstream.core.fit.FitSettings;
import io.segstream.core.fit.FittedSegment;
import io.segstream.core.fit.KMeansFitter;
import io.segstream.core.fit.ModelFromFit;
import io.segstream.core.fit.VectorCsv;
import io.segstream.core.fit.VectorTable;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.naming.SegmentNamer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fits segments to a CSV of feature vectors: batch k-means++, or the online model fed the rows as a stream. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit segments to a CSV of feature vectors, without Kafka: batch k-means++ (best of --restarts), or"
        + " with --online the rows in file order through the online model, as the updater would see them.",
        "The CSV has a header; every column is a numeric feature except an id column (userId, user_id, customerId,"
            + " customer_id or id) and timestamp, featureSet, source. Columns are standardised internally: z-scores,"
            + " or the model's own scaler when they are exactly segstream's clustering features (segstream features).",
        "Writes model.json (centroids in the input's units, sizes, inertia, labels); --assignments writes the"
            + " segment id of every row in input order; --publish puts the model on the model topic as the model"
            + " the updater resumes from.",
        "Training settings default to the updater.* configuration (--config, --set); the options here override it."})
final class FitCommand implements Callable<Integer> {
  @Option(names = "--vectors", required = true, paramLabel = "FILE.csv", description = "Feature vectors, one per line, with a header.")
  Path vectors;

  @Option(names = "--k", paramLabel = "K|auto", description = "Number of segments, or auto: the best mean silhouette"
      + " on a sample over --k-min..--k-max (default: updater.k, 5).")
  String k;

  @Option(names = "--k-min", paramLabel = "N", description = "Smallest k tried by --k auto (default: updater.k-min, 3).")
  Integer kMin;

  @Option(names = "--k-max", paramLabel = "N", description = "Largest k tried by --k auto (default: updater.k-max, 10).")
  Integer kMax;

  @Option(names = "--online", description = "Feed the rows in file order through the online model (bootstrap on the"
      + " first --bootstrap rows, then mini-batches) instead of batch k-means on all rows.")
  boolean online;

  @Option(names = "--batch-size", paramLabel = "B", description = "Rows per mini-batch with --online (default: updater.batch-size, 512).")
  Integer batchSize;

  @Option(names = "--decay", paramLabel = "D", description = "Forgetting per mini-batch with --online, as Spark's"
      + " decayFactor: 1 = remember everything, 0 = only the latest batch (default: updater.decay-factor, 0.95).")
  Double decay;

  @Option(names = "--half-life", paramLabel = "BATCHES", description = "Instead of --decay: after this many mini-batches old rows weigh half.")
  Double halfLife;

  @Option(names = "--bootstrap", paramLabel = "N", description = "Rows the online model's k-means++ bootstrap uses (default: updater.bootstrap-vectors, 2000).")
  Integer bootstrap;

  @Option(names = "--restarts", defaultValue = "10", paramLabel = "R", description = "k-means++ restarts, best inertia wins (default ${DEFAULT-VALUE}).")
  int restarts;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: updater.seed, 42).")
  Long seed;

  @Option(names = "--output", required = true, paramLabel = "model.json", description = "Where to write the model.")
  Path output;

  @Option(names = "--assignments", paramLabel = "OUT.csv", description = "Also write the segment id of every input row, in input order.")
  Path assignments;

  @Option(names = "--publish", description = "Publish the model to the model topic (bootstrap.servers, topics.model,"
      + " model.name from --config/--set) as the model the updater resumes from. The columns must be exactly"
      + " segstream's clustering features.")
  boolean publish;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    final PrintStream out = System.out;
    final SegstreamConfig c;
    try {
      c = config.load(flags());
    } catch (final ConfigException e) {
      throw new SegstreamCommand.UsageError(e.getMessage() + flagHint(e.getMessage()));
    }
    final FeatureRegistry registry = FeatureRegistry.standard(c.features());
    final TrainingSettings training = c.updater().training();
    if (restarts < 1) {
      throw new SegstreamCommand.UsageError("--restarts must be at least 1, was " + restarts);
    }
    final FitSettings settings = new FitSettings(training, online, restarts);
    final FitProgressPrinter progress = new FitProgressPrinter(System.err, vectors.toString());

    final VectorTable table;
    try {
      table = VectorCsv.read(vectors, progress);
    } catch (final BadVectorFileException e) {
      throw new SegstreamCommand.UsageError(e.getMessage());
    }
    if (publish) {
      try {
        ModelFromFit.requirePublishable(table.columns(), table.featureSet(), registry);
      } catch (final IllegalArgumentException e) {
        throw new SegstreamCommand.UsageError("cannot --publish: " + e.getMessage());
      }
    }
    final int needed = KMeansFitter.minimumRows(settings);
    final int available = online ? Math.min(training.bootstrapVectors(), table.size()) : table.size();
    if (available < needed) {
      throw new SegstreamCommand.UsageError(String.format(Locale.ROOT, "%s has %,d rows%s; %s needs at least %d: add"
              + " rows or lower --k%s", vectors, table.size(), online ? " (" + available + " for the bootstrap)" : "",
          training.autoK() ? "k=auto from k-min " + training.kMin() : "k=" + training.k(), needed,
          online ? " (or raise --bootstrap)" : ""));
    }

    final long started = System.nanoTime();
    final FitResult fit = new KMeansFitter(registry.clusteringNames(), new SegmentNamer(registry))
        .fit(table, settings, progress);
    final double seconds = (System.nanoTime() - started) / 1e9;
    summary(out, fit, table, seconds);

    FitModelJson.write(output, fit, table, vectors.getFileName().toString(), registry);
    out.println("wrote " + output);
    if (assignments != null) {
      writeAssignments(assignments, table, fit);
      out.println("wrote " + assignments + " (" + fit.rows() + " rows, in input order)");
    }
    if (publish) {
      final FitPublisher.Published p = FitPublisher.publish(c, previous -> ModelFromFit.build(fit, table.featureSet(),
          registry, c.modelName(), previous, Instant.now(), vectors.getFileName().toString()));
      out.printf(Locale.ROOT, "published model '%s' v%d (generation %d, segment ids %d..%d) to %s[%d]@%d on %s%s%n",
          p.model().name(), p.model().version(), p.model().generation(), p.model().segments().getFirst().id(),
          p.model().nextSegmentId() - 1, p.topic(), p.partition(), p.offset(), String.join(",", c.bootstrapServers()),
          p.replaced().map(r -> "; it follows v" + r.version() + ", so it starts a new generation (new segment ids)")
              .orElse(""));
      out.println("the model updater resumes from it when it (re)starts; the streams app re-assigns users under it");
    }
    return 0;
  }

  /** Which option set the key a configuration error names, if one did. */
  private String flagHint(final String message) {
    for (final Map.Entry<String, String> e : FLAG_KEYS.entrySet()) {
      if (message != null && message.contains(e.getValue())) {
        return " (set by " + e.getKey() + " or the configuration)";
      }
    }
    return "";
  }

  private static final Map<String, String> FLAG_KEYS = Map.of("--k", ConfigKeys.UPDATER_K + " ",
      "--k-min", ConfigKeys.UPDATER_K_MIN, "--k-max", ConfigKeys.UPDATER_K_MAX,
      "--batch-size", ConfigKeys.UPDATER_BATCH_SIZE, "--decay", ConfigKeys.UPDATER_DECAY_FACTOR,
      "--half-life", ConfigKeys.UPDATER_HALF_LIFE, "--bootstrap", ConfigKeys.UPDATER_BOOTSTRAP_VECTORS,
      "--seed", ConfigKeys.UPDATER_SEED);

  /** The options given, as configuration keys; --set still wins over them. */
  private Map<String, String> flags() {
    final Map<String, String> m = new LinkedHashMap<>();
    if (k != null) {
      m.put(ConfigKeys.UPDATER_K, k);
    }
    if (kMin != null) {
      m.put(ConfigKeys.UPDATER_K_MIN, kMin.toString());
    }
    if (kMax != null) {
      m.put(ConfigKeys.UPDATER_K_MAX, kMax.toString());
    }
    if (batchSize != null) {
      m.put(ConfigKeys.UPDATER_BATCH_SIZE, batchSize.toString());
    }
    if (decay != null) {
      m.put(ConfigKeys.UPDATER_DECAY_FACTOR, decay.toString());
    }
    if (halfLife != null) {
      m.put(ConfigKeys.UPDATER_HALF_LIFE, halfLife.toString());
    }
    if (bootstrap != null) {
      m.put(ConfigKeys.UPDATER_BOOTSTRAP_VECTORS, bootstrap.toString());
    }
    if (seed != null) {
      m.put(ConfigKeys.UPDATER_SEED, seed.toString());
    }
    return m;
  }

  private static void summary(final PrintStream out, final FitResult fit, final VectorTable table, final double seconds) {
    final FitResult.Training t = fit.training();
    out.printf(Locale.ROOT, "fitted k=%d on %,d rows x %d columns in %.1f s: %s; standardisation %s%n", fit.k(),
        fit.rows(), fit.columns().size(), seconds, t.mode().equals("online")
            ? String.format(Locale.ROOT, "online, bootstrap on %,d rows (k-means++, best of %d), then %,d mini-batches"
                + " of %d with decay %.4g per %s (%d polishes, %d restarts, %d re-seeds)", t.bootstrapRows(),
                t.restarts(), t.batches(), t.batchSize(), t.decayFactor(), t.timeUnit().equals("points") ? "point"
                    : "batch", t.polishes(), t.refitRestarts(), t.reseeds())
            : String.format(Locale.ROOT, "batch k-means++, best of %d restarts", t.restarts()),
        fit.standardisation().method());
    if (!fit.silhouetteByK().isEmpty()) {
      final StringBuilder sb = new StringBuilder();
      new TreeMap<>(fit.silhouetteByK()).forEach((k, s) -> sb.append(String.format(Locale.ROOT, " k=%d:%.3f", k, s)));
      out.println("k=auto chose k=" + fit.k() + " by mean silhouette on a sample:" + sb);
    }
    out.printf(Locale.ROOT, "inertia %.6g (%.4g per row, standardised), silhouette %.3f (sample of %,d)%n",
        fit.inertia(), fit.inertia() / fit.rows(), fit.silhouette(), fit.silhouetteSample());
    for (final FittedSegment s : fit.segments()) {
      out.printf(Locale.ROOT, "  #%-3d %6.1f%%  %-30s %s%n", s.id(), 100.0 * s.size() / fit.rows(), s.label(),
          s.description());
    }
  }

  private static void writeAssignments(final Path file, final VectorTable table, final FitResult fit) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(table.ids().map(ids -> csv(ids.column()) + ",segment_id").orElse("segment_id"));
      w.newLine();
      final int[] a = fit.assignments();
      for (int i = 0; i < a.length; i++) {
        if (table.ids().isPresent()) {
          w.write(csv(table.ids().get().values().get(i)));
          w.write(',');
        }
        w.write(Integer.toString(a[i]));
        w.newLine();
      }
    }
  }

  private static String csv(final String cell) {
    return cell.contains(",") || cell.contains("\"") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}
