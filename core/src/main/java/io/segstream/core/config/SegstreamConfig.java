package io.segstream.core.config;

import static io.segstream.core.config.ConfigKeys.*;

import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.TrainingSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * The one typed configuration object. Sources, later ones winning: defaults, a properties file,
 * environment variables (see {@link ConfigKeys#envName}), explicit overrides (CLI flags).
 */
public record SegstreamConfig(
    List<String> bootstrapServers,
    String applicationId,
    String modelName,
    Path stateDir,
    Topics topics,
    Streams streams,
    Http http,
    FeatureSettings features,
    Validation validation,
    Assignment assignment,
    TopItemsSettings topItems,
    Updater updater,
    Text text,
    Map<String, String> kafkaClientOverrides) {

  public record Topics(List<String> events, String featureVectors, String model, String changes, String assignments,
      String deletions, String deadLetter, boolean create, int partitions, short replicationFactor) {
    public Topics {
      events = List.copyOf(events);
    }
  }

  public record Streams(String processingGuarantee, int numThreads, int numStandbyReplicas, long commitIntervalMs,
      boolean leaveGroupOnClose, String stateCompaction, String inputOrder) {
    /** Whether a task processes whatever is fetched instead of waiting to merge its input topics in timestamp order. */
    public boolean inputAsFetched() {
      return "as-fetched".equals(inputOrder);
    }
  }

  public record Http(int port, String host, String advertisedHost, Auth auth) {}

  /** Bearer tokens for the HTTP API (none = open) and the paths open without one. Never prints the tokens. */
  public record Auth(List<String> tokens, List<String> openPaths) {
    public Auth {
      tokens = List.copyOf(tokens);
      openPaths = List.copyOf(openPaths);
    }

    public boolean enabled() {
      return !tokens.isEmpty();
    }

    @Override
    public String toString() {
      return "Auth[" + tokens.size() + " token(s), open " + openPaths + "]";
    }
  }

  public record Validation(int maxEventBytes, Duration maxFutureSkew, int maxItems, double maxPrice, int maxQuantity,
      int maxTextChars) {}

  public record Assignment(double hysteresis, Duration vectorMinInterval, double sampleFraction, boolean sweepEnabled,
      Duration sweepInterval, int sweepUsersPerSecond, Duration retention) {}

  /** The {@code top-items.*} settings: how trending-item scores decay and how many each instance keeps per segment. */
  public record TopItemsSettings(Duration halfLife, int capacity) {}

  public record Updater(TrainingSettings training, Duration maxBatchWait, double publishMinMovement,
      Duration publishInterval, Duration publishMinGap, int httpPort, boolean eventVectorsAlways,
      Population population) {}

  /**
   * Refits on the latest vector of each user in a deterministic sample of the population.
   *
   * @param users how many users the sample holds (0 = no population refits)
   * @param quiet a refit runs once the sample has not changed for this long
   * @param maxInterval while the sample keeps changing, a refit runs at least this often
   * @param byShares measure features in shares of the population (else z-scores)
   * @param blend with shares, the weight of the clipped z-score blended in (0 = shares only)
   */
  public record Population(int users, Duration quiet, Duration maxInterval, boolean byShares, double blend) {
    /**
     * The z-score's weight in updater.population-scaling=blend. On the Online Retail development cut-offs a quarter
     * kept the shares' gain (mean repurchase AUC 0.710 vs 0.689 for k-means on log-RFM, k=5) and on the demo's
     * personas most of the z-scores' fit (batch ARI 0.908; shares alone 0.899, z-scores 0.923).
     */
    public static final double BLEND_Z_WEIGHT = 0.25;

    public boolean enabled() {
      return users > 0;
    }
  }

  /**
   * The text stage (review and product text through a sentence-embedding model).
   *
   * @param modelPath a directory with another model; empty = the bundled all-MiniLM-L6-v2
   * @param sentencePooling a review's vector is the mean of its sentences' vectors (else the whole text at once)
   */
  public record Text(boolean enabled, Optional<Path> modelPath, String model, int maxTokens, int tailTokens,
      boolean sentencePooling, int batchSize, int modelBatchSize, Duration maxBatchWait, int maxChars,
      int threads, double signalScale, Anchors anchors, List<Category> categories, double similarityThreshold,
      int httpPort, Head head) {
    public Text {
      categories = List.copyOf(categories);
    }

    /** The sentiment head learned from rated reviews. */
    public record Head(boolean enabled, int minRatings, int retrainEvery, int maxExamples) {}

    /** Example sentences per review signal class. */
    public record Anchors(List<String> positive, List<String> neutral, List<String> negative, List<String> delivery,
        List<String> quality, List<String> price) {
      public Anchors {
        positive = List.copyOf(positive);
        neutral = List.copyOf(neutral);
        negative = List.copyOf(negative);
        delivery = List.copyOf(delivery);
        quality = List.copyOf(quality);
        price = List.copyOf(price);
      }
    }

    /** A category for zero-shot classification and its descriptions. */
    public record Category(String name, List<String> descriptions) {
      public Category {
        descriptions = List.copyOf(descriptions);
      }
    }
  }

  public SegstreamConfig {
    bootstrapServers = List.copyOf(bootstrapServers);
    kafkaClientOverrides = Map.copyOf(kafkaClientOverrides);
  }

  /** Defaults only (plus nothing from the environment): for tests and as a starting point. */
  public static SegstreamConfig defaults() {
    return fromMap(Map.of());
  }

  public static SegstreamConfig load(final Optional<Path> file, final Map<String, String> env,
      final Map<String, String> overrides) {
    final Map<String, String> merged = new LinkedHashMap<>();
    file.ifPresent(f -> merged.putAll(readFile(f)));
    merged.putAll(fromEnvironment(env));
    merged.putAll(overrides);
    return fromMap(merged);
  }

  public static SegstreamConfig fromMap(final Map<String, String> values) {
    values.keySet().forEach(ConfigKeys::requireKnown);
    final AbstractConfig c = new AbstractConfig(DEFINITION, values, false);
    final Map<String, String> kafka = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(KAFKA_PREFIX)) {
        kafka.put(k.substring(KAFKA_PREFIX.length()), v);
      }
    });
    final String kValue = c.getString(UPDATER_K).trim().toLowerCase(Locale.ROOT);
    final int k = parseK(kValue);
    final double halfLife = c.getDouble(UPDATER_HALF_LIFE);
    final TrainingSettings.TimeUnit unit = TrainingSettings.TimeUnit.valueOf(c.getString(UPDATER_TIME_UNIT).toUpperCase(Locale.ROOT));
    final double decay = halfLife > 0 ? TrainingSettings.decayForHalfLife(halfLife) : c.getDouble(UPDATER_DECAY_FACTOR);
    if (k == 0 && c.getInt(UPDATER_K_MAX) < c.getInt(UPDATER_K_MIN)) {
      throw new ConfigException(UPDATER_K_MAX, c.getInt(UPDATER_K_MAX), "must be >= " + UPDATER_K_MIN);
    }
    final TrainingSettings training = new TrainingSettings(k, c.getInt(UPDATER_K_MIN), c.getInt(UPDATER_K_MAX),
        c.getInt(UPDATER_BOOTSTRAP_VECTORS), c.getInt(UPDATER_BATCH_SIZE), decay, unit,
        c.getDouble(UPDATER_RESEED_MIN_SHARE), c.getLong(UPDATER_SEED), c.getInt(UPDATER_REFIT_INTERVAL_BATCHES),
        c.getDouble(UPDATER_REFIT_MIN_GAIN));
    return new SegstreamConfig(
        c.getList(BOOTSTRAP_SERVERS),
        c.getString(APPLICATION_ID),
        c.getString(MODEL_NAME),
        Path.of(c.getString(STATE_DIR)),
        new Topics(c.getList(TOPICS_EVENTS), c.getString(TOPICS_FEATURE_VECTORS), c.getString(TOPICS_MODEL),
            c.getString(TOPICS_CHANGES), c.getString(TOPICS_ASSIGNMENTS), c.getString(TOPICS_DELETIONS),
            c.getString(TOPICS_DEAD_LETTER), c.getBoolean(TOPICS_CREATE), c.getInt(TOPICS_PARTITIONS),
            c.getShort(TOPICS_REPLICATION_FACTOR)),
        new Streams(c.getString(STREAMS_PROCESSING_GUARANTEE), c.getInt(STREAMS_NUM_THREADS),
            c.getInt(STREAMS_NUM_STANDBY_REPLICAS), c.getLong(STREAMS_COMMIT_INTERVAL_MS),
            c.getBoolean(STREAMS_LEAVE_GROUP_ON_CLOSE), c.getString(STREAMS_STATE_COMPACTION),
            c.getString(STREAMS_INPUT_ORDER)),
        new Http(c.getInt(HTTP_PORT), c.getString(HTTP_HOST), c.getString(HTTP_ADVERTISED_HOST),
            new Auth(java.util.Arrays.stream(c.getPassword(HTTP_AUTH_TOKENS).value().split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList(), c.getList(HTTP_AUTH_OPEN_PATHS))),
        new FeatureSettings(c.getDouble(FEATURES_HALF_LIFE_DAYS), c.getList(FEATURES_CATEGORIES),
            c.getDouble(FEATURES_SESSION_GAP_MINUTES), c.getDouble(FEATURES_RECENCY_CAP_DAYS)),
        new Validation(c.getInt(VALIDATION_MAX_EVENT_BYTES), Duration.ofSeconds(c.getLong(VALIDATION_MAX_FUTURE_SKEW_SECONDS)),
            c.getInt(VALIDATION_MAX_ITEMS), c.getDouble(VALIDATION_MAX_PRICE), c.getInt(VALIDATION_MAX_QUANTITY),
            c.getInt(VALIDATION_MAX_TEXT_CHARS)),
        new Assignment(c.getDouble(ASSIGNMENT_HYSTERESIS), Duration.ofSeconds(c.getLong(VECTORS_MIN_INTERVAL_SECONDS)),
            c.getDouble(VECTORS_SAMPLE_FRACTION), c.getBoolean(SWEEP_ENABLED),
            Duration.ofSeconds(c.getLong(SWEEP_INTERVAL_SECONDS)),
            c.getInt(SWEEP_USERS_PER_SECOND), Duration.ofMillis((long) (c.getDouble(USERS_RETENTION_DAYS) * 86_400_000L))),
        new TopItemsSettings(Duration.ofMillis((long) (c.getDouble(TOP_ITEMS_HALF_LIFE_DAYS) * 86_400_000L)),
            c.getInt(TOP_ITEMS_CAPACITY)),
        new Updater(training, Duration.ofMillis(c.getLong(UPDATER_MAX_BATCH_WAIT_MS)),
            c.getDouble(UPDATER_PUBLISH_MIN_MOVEMENT), Duration.ofSeconds(c.getLong(UPDATER_PUBLISH_INTERVAL_SECONDS)),
            Duration.ofMillis(c.getLong(UPDATER_PUBLISH_MIN_GAP_MS)), c.getInt(UPDATER_HTTP_PORT),
            c.getString(UPDATER_EVENT_VECTORS).equals("always"),
            new Population(c.getInt(UPDATER_POPULATION_USERS), Duration.ofMillis(c.getLong(UPDATER_POPULATION_QUIET_MS)),
                Duration.ofSeconds(c.getLong(UPDATER_POPULATION_MAX_INTERVAL_SECONDS)),
                !c.getString(UPDATER_POPULATION_SCALING).equals("z-scores"),
                c.getString(UPDATER_POPULATION_SCALING).equals("blend") ? Population.BLEND_Z_WEIGHT : 0.0)),
        text(c),
        kafka);
  }

  private static Text text(final AbstractConfig c) {
    final String model = c.getString(TEXT_MODEL_PATH).strip();
    return new Text(c.getBoolean(TEXT_ENABLED), model.isEmpty() ? Optional.empty() : Optional.of(Path.of(model)),
        c.getString(TEXT_MODEL), c.getInt(TEXT_MAX_TOKENS), c.getInt(TEXT_TAIL_TOKENS),
        "sentences".equals(c.getString(TEXT_POOLING)), c.getInt(TEXT_BATCH_SIZE),
        c.getInt(TEXT_MODEL_BATCH_SIZE) == 0 ? c.getInt(TEXT_BATCH_SIZE) : c.getInt(TEXT_MODEL_BATCH_SIZE), Duration.ofMillis(c.getLong(TEXT_MAX_BATCH_WAIT_MS)), c.getInt(TEXT_MAX_CHARS),
        c.getInt(TEXT_THREADS), c.getDouble(TEXT_SIGNAL_SCALE),
        new Text.Anchors(sentences(c, TEXT_ANCHORS_POSITIVE), sentences(c, TEXT_ANCHORS_NEUTRAL),
            sentences(c, TEXT_ANCHORS_NEGATIVE), sentences(c, TEXT_ANCHORS_DELIVERY),
            sentences(c, TEXT_ANCHORS_QUALITY), sentences(c, TEXT_ANCHORS_PRICE)),
        TextLists.categories(TEXT_CATEGORIES, c.getString(TEXT_CATEGORIES)), c.getDouble(TEXT_SIMILARITY_THRESHOLD),
        c.getInt(TEXT_HTTP_PORT), new Text.Head(c.getBoolean(TEXT_HEAD_ENABLED), c.getInt(TEXT_HEAD_MIN_RATINGS),
            c.getInt(TEXT_HEAD_RETRAIN_EVERY), c.getInt(TEXT_HEAD_MAX_EXAMPLES)));
  }

  private static List<String> sentences(final AbstractConfig c, final String key) {
    return TextLists.sentences(key, c.getString(key));
  }

  private static int parseK(final String value) {
    if (value.equals("auto")) {
      return 0;
    }
    try {
      final int k = Integer.parseInt(value);
      if (k >= 1) {
        return k;
      }
    } catch (final NumberFormatException e) {
      // fall through to the shared message
    }
    throw new ConfigException(UPDATER_K, value, "must be a positive integer or 'auto'");
  }

  private static Map<String, String> readFile(final Path file) {
    final Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (final IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage()
          + " (pass an existing .properties file with --config)");
    }
    final Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
    return out;
  }

  /** SEGSTREAM_* variables: a defined key by its env name, SEGSTREAM_KAFKA_X_Y as kafka.x.y. */
  static Map<String, String> fromEnvironment(final Map<String, String> env) {
    final Map<String, String> out = new LinkedHashMap<>();
    for (final String key : DEFINITION.names()) {
      final String v = env.get(envName(key));
      if (v != null) {
        out.put(key, v);
      }
    }
    env.forEach((name, v) -> {
      if (name.startsWith("SEGSTREAM_KAFKA_")) {
        out.put(KAFKA_PREFIX + name.substring("SEGSTREAM_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
      }
    });
    return out;
  }

  /** Settings every Kafka client of segstream gets: bootstrap servers plus the kafka.* pass-through. */
  public Map<String, Object> kafkaClientBase() {
    final Map<String, Object> m = new LinkedHashMap<>(kafkaClientOverrides);
    m.put("bootstrap.servers", String.join(",", bootstrapServers));
    return m;
  }
}
