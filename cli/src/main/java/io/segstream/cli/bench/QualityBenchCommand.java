package io.segstream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.bench.Population;
import io.segstream.bench.QualityBenchmark;
import io.segstream.bench.QualityReport;
import io.segstream.bench.QualityReportText;
import io.segstream.core.fit.VectorCsv;
import io.segstream.generator.Persona;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segstream bench quality}: is the online model as good as batch k-means, and does it follow drift? */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Online model vs batch k-means++ (smile, best of several restarts) on the same standardised data:"
        + " inertia ratio, adjusted Rand index against the true groups, silhouette; mini-batches to recover after"
        + " drift; flapping with and without hysteresis.",
        "Data: Gaussian blobs, and the generator's hidden personas turned into feature vectors offline (no Kafka) and"
            + " learnt by the model updater's own trainer. The online model uses the updater.* settings (--config,"
            + " --set). Repeatable for a seed; progress on stderr."})
public final class QualityBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print the report as JSON (for machines) instead of tables.")
  boolean json;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the data and the models (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--users", defaultValue = "5000", description = "Simulated shoppers (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--history-days", defaultValue = "60", description = "Days of history before the drift (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--drift-days", defaultValue = "14", description = "Days simulated after the drift (default ${DEFAULT-VALUE}).")
  int driftDays;

  @Option(names = "--sweep-minutes", defaultValue = "60",
      description = "Event time between two sweeps of the population, each sending the vectors of"
          + " vectors.sample-fraction of the users: a history replayed at 60x real time with the default 60 s sweep"
          + " interval (default ${DEFAULT-VALUE}).")
  double sweepMinutes;

  @Option(names = "--restarts", defaultValue = "10", description = "k-means++ restarts of the batch reference (default ${DEFAULT-VALUE}).")
  int restarts;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with segstream settings (updater.*, vectors.*, assignment.*).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (repeatable), e.g. --set updater.decay-factor=0.9.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--export-vectors", paramLabel = "FILE.csv",
      description = "Also write the persona users' feature vectors at the end of the history in the form segstream's"
          + " training topic carries them (userId,timestamp,featureSet,<features>), e.g. to try 'segstream fit' on;"
          + " their hidden personas go to FILE.truth.csv.")
  Path exportVectors;

  @Option(names = "--verbose", description = "Also show the trainer's log (bootstrap, refits, re-seeds).")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (users < 100 || historyDays < 7 || driftDays < 1 || !(sweepMinutes >= 1) || restarts < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "need --users >= 100, --history-days >= 7,"
          + " --drift-days >= 1, --sweep-minutes >= 1 and --restarts >= 1");
    }
    final SegstreamConfig config = SegstreamConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides);
    if (!verbose) {
      Configurator.setLevel("io.segstream.updater", Level.WARN);
    }
    final FeatureRegistry registry = FeatureRegistry.standard(config.features());
    final long started = System.nanoTime();
    final PrintStream err = System.err;
    final QualityBenchmark.Options options = new QualityBenchmark.Options(users, historyDays, driftDays,
        Duration.ofMinutes(Math.round(sweepMinutes)), restarts, seed);
    final QualityBenchmark.Outcome outcome = new QualityBenchmark(config, registry, options,
        line -> err.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, line)).run();
    final QualityReport report = outcome.report();
    if (exportVectors != null) {
      export(outcome.personas(), registry);
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      QualityReportText.print(report, System.out);
    }
    return 0;
  }

  private void export(final Population p, final FeatureRegistry registry) throws IOException {
    VectorCsv.writeFeatureVectors(exportVectors, registry.clusteringNames(), p.userIds(), p.vectors(),
        Instant.ofEpochMilli(p.at()), registry.featureSetId());
    final Path truth = exportVectors.resolveSibling(exportVectors.getFileName().toString()
        .replaceAll("\\.csv$", "") + ".truth.csv");
    try (BufferedWriter w = Files.newBufferedWriter(truth)) {
      w.write("userId,persona");
      w.newLine();
      for (int i = 0; i < p.size(); i++) {
        w.write(p.userIds().get(i) + "," + Persona.values()[p.truth()[i]].name());
        w.newLine();
      }
    }
    System.err.printf(Locale.ROOT, "wrote %,d feature vectors to %s and their personas to %s%n", p.size(),
        exportVectors, truth);
  }
}
