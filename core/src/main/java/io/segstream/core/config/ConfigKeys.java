package io.segstream.core.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every segstream configuration key: name, type, default, validation and the documentation the README
 * table is generated from. Kafka's own {@link ConfigDef} does the parsing and validation, so messages
 * for bad values read like Kafka's.
 */
public final class ConfigKeys {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String MODEL_NAME = "model.name";
  public static final String STATE_DIR = "state.dir";

  public static final String TOPICS_EVENTS = "topics.events";
  public static final String TOPICS_FEATURE_VECTORS = "topics.feature-vectors";
  public static final String TOPICS_MODEL = "topics.model";
  public static final String TOPICS_CHANGES = "topics.changes";
  public static final String TOPICS_ASSIGNMENTS = "topics.assignments";
  public static final String TOPICS_DELETIONS = "topics.deletions";
  public static final String TOPICS_DEAD_LETTER = "topics.dead-letter";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication-factor";

  public static final String STREAMS_PROCESSING_GUARANTEE = "streams.processing-guarantee";
  public static final String STREAMS_NUM_THREADS = "streams.num-threads";
  public static final String STREAMS_NUM_STANDBY_REPLICAS = "streams.num-standby-replicas";
  public static final String STREAMS_COMMIT_INTERVAL_MS = "streams.commit-interval-ms";
  public static final String STREAMS_LEAVE_GROUP_ON_CLOSE = "streams.leave-group-on-close";
  public static final String STREAMS_STATE_COMPACTION = "streams.state-compaction";
  public static final String STREAMS_INPUT_ORDER = "streams.input-order";

  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_ADVERTISED_HOST = "http.advertised-host";
  public static final String HTTP_AUTH_TOKENS = "http.auth.tokens";
  public static final String HTTP_AUTH_OPEN_PATHS = "http.auth.open-paths";

  public static final String FEATURES_HALF_LIFE_DAYS = "features.half-life-days";
  public static final String FEATURES_CATEGORIES = "features.categories";
  public static final String FEATURES_SESSION_GAP_MINUTES = "features.session-gap-minutes";
  public static final String FEATURES_RECENCY_CAP_DAYS = "features.recency-cap-days";

  public static final String VALIDATION_MAX_EVENT_BYTES = "validation.max-event-bytes";
  public static final String VALIDATION_MAX_FUTURE_SKEW_SECONDS = "validation.max-future-skew-seconds";
  public static final String VALIDATION_MAX_ITEMS = "validation.max-items";
  public static final String VALIDATION_MAX_PRICE = "validation.max-price";
  public static final String VALIDATION_MAX_QUANTITY = "validation.max-quantity";
  public static final String VALIDATION_MAX_TEXT_CHARS = "validation.max-text-chars";

  public static final String ASSIGNMENT_HYSTERESIS = "assignment.hysteresis";
  public static final String VECTORS_MIN_INTERVAL_SECONDS = "vectors.min-interval-seconds";
  public static final String VECTORS_SAMPLE_FRACTION = "vectors.sample-fraction";
  public static final String SWEEP_ENABLED = "sweep.enabled";
  public static final String SWEEP_INTERVAL_SECONDS = "sweep.interval-seconds";
  public static final String SWEEP_USERS_PER_SECOND = "sweep.users-per-second";
  public static final String USERS_RETENTION_DAYS = "users.retention-days";
  public static final String TOP_ITEMS_HALF_LIFE_DAYS = "top-items.half-life-days";
  public static final String TOP_ITEMS_CAPACITY = "top-items.capacity";

  public static final String UPDATER_K = "updater.k";
  public static final String UPDATER_K_MIN = "updater.k-min";
  public static final String UPDATER_K_MAX = "updater.k-max";
  public static final String UPDATER_BOOTSTRAP_VECTORS = "updater.bootstrap-vectors";
  public static final String UPDATER_BATCH_SIZE = "updater.batch-size";
  public static final String UPDATER_MAX_BATCH_WAIT_MS = "updater.max-batch-wait-ms";
  public static final String UPDATER_DECAY_FACTOR = "updater.decay-factor";
  public static final String UPDATER_HALF_LIFE = "updater.half-life";
  public static final String UPDATER_TIME_UNIT = "updater.time-unit";
  public static final String UPDATER_RESEED_MIN_SHARE = "updater.reseed-min-share";
  public static final String UPDATER_PUBLISH_MIN_MOVEMENT = "updater.publish-min-movement";
  public static final String UPDATER_PUBLISH_INTERVAL_SECONDS = "updater.publish-interval-seconds";
  public static final String UPDATER_PUBLISH_MIN_GAP_MS = "updater.publish-min-gap-ms";
  public static final String UPDATER_SEED = "updater.seed";
  public static final String UPDATER_HTTP_PORT = "updater.http-port";
  public static final String UPDATER_EVENT_VECTORS = "updater.event-vectors";

  // Refits of the online model on its most recent vectors (MiniBatchKMeans, RecentRefit).
  public static final String UPDATER_REFIT_INTERVAL_BATCHES = "updater.refit-interval-batches";
  public static final String UPDATER_REFIT_MIN_GAIN = "updater.refit-min-gain";
  public static final String UPDATER_POPULATION_USERS = "updater.population-users";
  public static final String UPDATER_POPULATION_QUIET_MS = "updater.population-quiet-ms";
  public static final String UPDATER_POPULATION_MAX_INTERVAL_SECONDS = "updater.population-max-interval-seconds";
  public static final String UPDATER_POPULATION_SCALING = "updater.population-scaling";

  public static final String TEXT_ENABLED = "text.enabled";
  public static final String TEXT_MODEL_PATH = "text.model-path";
  public static final String TEXT_MODEL = "text.model";
  public static final String TEXT_MAX_TOKENS = "text.max-tokens";
  public static final String TEXT_TAIL_TOKENS = "text.tail-tokens";
  public static final String TEXT_POOLING = "text.pooling";
  public static final String TEXT_BATCH_SIZE = "text.batch-size";
  public static final String TEXT_MODEL_BATCH_SIZE = "text.model-batch-size";
  public static final String TEXT_MAX_BATCH_WAIT_MS = "text.max-batch-wait-ms";
  public static final String TEXT_MAX_CHARS = "text.max-chars";
  public static final String TEXT_THREADS = "text.threads";
  public static final String TEXT_SIGNAL_SCALE = "text.signal-scale";
  public static final String TEXT_ANCHORS_POSITIVE = "text.anchors.positive";
  public static final String TEXT_ANCHORS_NEUTRAL = "text.anchors.neutral";
  public static final String TEXT_ANCHORS_NEGATIVE = "text.anchors.negative";
  public static final String TEXT_ANCHORS_DELIVERY = "text.anchors.delivery";
  public static final String TEXT_ANCHORS_QUALITY = "text.anchors.quality";
  public static final String TEXT_ANCHORS_PRICE = "text.anchors.price";
  public static final String TEXT_CATEGORIES = "text.categories";
  public static final String TEXT_SIMILARITY_THRESHOLD = "text.similarity-threshold";
  public static final String TEXT_HTTP_PORT = "text.http-port";
  public static final String TEXT_HEAD_ENABLED = "text.head.enabled";
  public static final String TEXT_HEAD_MIN_RATINGS = "text.head.min-ratings";
  public static final String TEXT_HEAD_RETRAIN_EVERY = "text.head.retrain-every";
  public static final String TEXT_HEAD_MAX_EXAMPLES = "text.head.max-examples";

  /** Keys with this prefix go, without it, to every Kafka client (e.g. kafka.security.protocol). */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final List<String> DEFAULT_CATEGORIES =
      List.of("electronics", "fashion", "home", "beauty", "sports", "books", "toys", "grocery");

  // Defaults of the text stage (the text module holds the same as SignalAnchors/CategoryDescription.defaults();
  // a test in streams-app keeps the two equal).
  static final double TEXT_DEFAULT_SIGNAL_SCALE = 30.0;
  static final double TEXT_DEFAULT_SIMILARITY_THRESHOLD = 0.25;
  static final String TEXT_DEFAULT_POSITIVE = "I love this product, it is excellent.|Great quality and it works perfectly."
      + "|Very happy with my purchase, highly recommended.|Good value for money, well worth the price."
      + "|It arrived quickly and was well packed.|Five stars, I would buy it again.";
  static final String TEXT_DEFAULT_NEUTRAL = "It is okay, nothing special.|An average product that does the job."
      + "|Some good points and some bad points.|Three stars, it is fine I suppose.";
  static final String TEXT_DEFAULT_NEGATIVE = "Terrible, I am very disappointed.|I regret buying this and I want a refund."
      + "|One star, an awful experience.|I would not recommend it to anyone.";
  static final String TEXT_DEFAULT_DELIVERY = "The delivery was very late.|The parcel was damaged during shipping."
      + "|My order never arrived.|Shipping took weeks and the courier lost the package.";
  static final String TEXT_DEFAULT_QUALITY = "Poor quality, it broke after a few days.|Cheaply made, it fell apart."
      + "|The product is defective and stopped working.|The material feels flimsy and badly finished.";
  static final String TEXT_DEFAULT_PRICE = "Far too expensive for what it is.|Overpriced and not worth the money."
      + "|It costs much more than in other shops.|I paid too much for this.";
  static final String TEXT_DEFAULT_CATEGORIES = ""
      + "electronics=consumer electronics and gadgets"
      + "|headphones, earbuds and speakers"
      + "|phones, tablets, laptops and computers"
      + "|chargers, cables, batteries and power banks"
      + "|cameras, smart watches and electrical devices"
      + "; fashion=clothing and fashion"
      + "|shoes, boots and trainers"
      + "|handbags, purses and luggage"
      + "|jewellery, necklaces and bracelets"
      + "|hats, scarves, belts and gloves"
      + "; home=home decoration and ornaments"
      + "|kitchenware, mugs, plates and bowls"
      + "|candles, lamps and lights"
      + "|furniture, cushions, storage and baskets"
      + "|garden decorations and signs"
      + "; beauty=cosmetics and make-up"
      + "|skincare and hair care"
      + "|perfume, soap and toiletries"
      + "; sports=sports and fitness equipment"
      + "|camping, hiking and outdoor gear"
      + "|sportswear and bicycles"
      + "; books=books and notebooks"
      + "|stationery, pens, paper and cards"
      + "|wrapping paper, gift tags and stickers"
      + "; toys=toys and games for children"
      + "|dolls, soft toys and teddy bears"
      + "|puzzles, board games and playing cards"
      + "|party games, balloons and kids crafts"
      + "; grocery=food and drink"
      + "|sweets, chocolate, biscuits and snacks"
      + "|tea, coffee and baking ingredients";

  public static final ConfigDef DEFINITION = new ConfigDef()
      // general
      .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", HIGH,
          "Kafka bootstrap servers, host:port[,host:port...].")
      .define(APPLICATION_ID, Type.STRING, "segstream", HIGH,
          "Kafka Streams application id: names the consumer group, internal topics and state directories."
              + " Instances with the same id share the work.")
      .define(MODEL_NAME, Type.STRING, "default", MEDIUM,
          "Name of the segment model (key on the model topic); several models can share the topic.")
      .define(STATE_DIR, Type.STRING, ".segstream/state", MEDIUM,
          "Directory for the streams app's RocksDB state.")
      // topics
      .define(TOPICS_EVENTS, Type.LIST, "shop.events", HIGH,
          "Input topic(s) of UserEvent records, comma separated; records keyed by anything other than the"
              + " userId are re-keyed through the app's by-user topic.")
      .define(TOPICS_FEATURE_VECTORS, Type.STRING, "segments.feature-vectors", MEDIUM,
          "Training stream for the model updater.")
      .define(TOPICS_MODEL, Type.STRING, "segments.model", MEDIUM, "Compacted topic holding the latest model per name.")
      .define(TOPICS_CHANGES, Type.STRING, "segments.changes", MEDIUM, "One SegmentChange per real change of segment.")
      .define(TOPICS_ASSIGNMENTS, Type.STRING, "segments.assignments", MEDIUM,
          "Compacted topic with the current SegmentAssignment per user.")
      .define(TOPICS_DELETIONS, Type.STRING, "segments.deletions", MEDIUM,
          "Erasure requests keyed by userId (any value): the user's state is dropped and USER_DELETED emitted"
              + " (a commit interval later than the request: it reaches the user's task through the by-user topic).")
      .define(TOPICS_DEAD_LETTER, Type.STRING, "segments.dead-letter", MEDIUM,
          "Rejected input: original key and bytes, headers say where it came from and why.")
      .define(TOPICS_CREATE, Type.BOOLEAN, true, MEDIUM,
          "Create missing topics at start-up (model and assignments compacted).")
      .define(TOPICS_PARTITIONS, Type.INT, 6, atLeast(1), MEDIUM,
          "Partitions for topics segstream creates (the model topic always gets 1).")
      .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) -1, MEDIUM,
          "Replication factor for topics segstream creates; -1 uses the broker's default.")
      // streams
      .define(STREAMS_PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2",
          ValidString.in("exactly_once_v2", "at_least_once"), MEDIUM,
          "exactly_once_v2: a crash neither loses nor duplicates a segment change. at_least_once: faster, may"
              + " duplicate after a crash.")
      .define(STREAMS_NUM_THREADS, Type.INT, 1, atLeast(1), MEDIUM, "Stream threads per instance.")
      .define(STREAMS_NUM_STANDBY_REPLICAS, Type.INT, 0, atLeast(0), MEDIUM,
          "Standby replicas of each state store on other instances, for quick failover (1 in production).")
      .define(STREAMS_COMMIT_INTERVAL_MS, Type.LONG, 75L, atLeast(1), LOW,
          "How often a transaction is committed; bounds the latency of changes under exactly-once (75: p99 event to"
              + " change 118 ms, at 100: 161 ms, for the same throughput; docs/performance.md).")
      .define(STREAMS_LEAVE_GROUP_ON_CLOSE, Type.BOOLEAN, true, LOW,
          "Leave the consumer group when stopping, so the partitions move at once instead of after the session"
              + " timeout (45 s). Set false together with static membership (kafka.group.instance.id) for rolling"
              + " restarts that should not move partitions.")
      .define(STREAMS_STATE_COMPACTION, Type.STRING, "eager", ValidString.in("eager", "kafka-streams"), LOW,
          "How the RocksDB stores compact. eager: at 2 sorted runs and 25% size amplification, 8 MiB memtables,"
              + " about one copy of each user on disk (200,000 users: 107 instead of 210 bytes per profile)."
              + " kafka-streams: Kafka Streams' own (4 runs, 200%, 16 MiB), up to three copies, less background"
              + " work (1,000,000 users on 2 cores: 26,715 events/s with it, 19,051-20,645 with eager, in separate"
              + " runs; docs/performance.md).")
      .define(STREAMS_INPUT_ORDER, Type.STRING, "timestamp", ValidString.in("timestamp", "as-fetched"), LOW,
          "How a task merges its two inputs: the shop's events and the by-user topic (re-keyed events, erasure"
              + " requests, review signals)."
              + " timestamp: Kafka Streams' default (max.task.idle.ms=0), records already on the brokers are processed"
              + " in timestamp order across the topics, so an erasure request never overtakes the user's earlier"
              + " events. as-fetched: whatever is fetched is processed at once (max.task.idle.ms=-1), about 6% of the"
              + " stream thread's time since the task has one input beside the events (within bench throughput's"
              + " spread), but while an instance is behind, an erasure request can be processed before the user's"
              + " earlier events, which then bring the user back (docs/performance.md).")
      // http
      .define(HTTP_PORT, Type.INT, 8080, between(0, 65535), HIGH, "Port of the REST API, /metrics, /health and the dashboard.")
      .define(HTTP_HOST, Type.STRING, "0.0.0.0", LOW, "Interface the HTTP server binds.")
      .define(HTTP_ADVERTISED_HOST, Type.STRING, "localhost", MEDIUM,
          "Host name other instances use to reach this one's REST API (interactive-query routing).")
      .define(HTTP_AUTH_TOKENS, Type.PASSWORD, "", MEDIUM,
          "Comma-separated bearer tokens the HTTP API accepts ('Authorization: Bearer <token>'); empty = no"
              + " authentication. Instances forward requests to each other with the first one, so give every instance"
              + " the same list.")
      .define(HTTP_AUTH_OPEN_PATHS, Type.LIST, "/health,/metrics", MEDIUM,
          "Paths served without a token when http.auth.tokens is set (e.g. for probes and Prometheus); empty ="
              + " none.")
      // features
      .define(FEATURES_HALF_LIFE_DAYS, Type.DOUBLE, 90.0, atLeast(0.01), MEDIUM,
          "Half-life of the decayed activity counters (frequency, monetary, views...): an event this many days"
              + " old counts half.")
      .define(FEATURES_CATEGORIES, Type.LIST, String.join(",", DEFAULT_CATEGORIES), MEDIUM,
          "Product categories tracked for category affinity; anything else counts as 'other'. Changing the"
              + " list changes the feature layout (a new model generation).")
      .define(FEATURES_SESSION_GAP_MINUTES, Type.DOUBLE, 30.0, atLeast(1.0), LOW,
          "Inactivity that ends a session when events carry no sessionId.")
      .define(FEATURES_RECENCY_CAP_DAYS, Type.DOUBLE, 365.0, atLeast(1.0), LOW,
          "Recency features are capped here; users who never bought count as this many days since purchase.")
      // validation
      .define(VALIDATION_MAX_EVENT_BYTES, Type.INT, 65_536, atLeast(64), MEDIUM,
          "Larger input records are dead-lettered as oversized.")
      .define(VALIDATION_MAX_FUTURE_SKEW_SECONDS, Type.LONG, 3_600L, atLeast(0), MEDIUM,
          "Events timestamped further than this beyond the wall clock are dead-lettered.")
      .define(VALIDATION_MAX_ITEMS, Type.INT, 1_000, atLeast(1), LOW, "Most lines an order or return may have.")
      .define(VALIDATION_MAX_PRICE, Type.DOUBLE, 1_000_000.0, atLeast(0.0), LOW, "Highest plausible unit price.")
      .define(VALIDATION_MAX_QUANTITY, Type.INT, 100_000, atLeast(1), LOW, "Highest plausible quantity on a line.")
      .define(VALIDATION_MAX_TEXT_CHARS, Type.INT, 4_000, atLeast(16), LOW,
          "Review text beyond this is truncated (and counted), not rejected.")
      // assignment and vectors
      .define(ASSIGNMENT_HYSTERESIS, Type.DOUBLE, 0.10, between(0.0, 0.9), MEDIUM,
          "A user moves only if the new segment's centre is closer than (1 - hysteresis) x the distance to the"
              + " current one, so users near a border do not flap.")
      .define(VECTORS_MIN_INTERVAL_SECONDS, Type.LONG, 3_600L, atLeast(0), MEDIUM,
          "At most one training vector per user per this much event time.")
      .define(VECTORS_SAMPLE_FRACTION, Type.DOUBLE, 0.2, between(0.0, 1.0), MEDIUM,
          "Share of all users whose vector each sweep adds to the training stream, so quiet users are represented"
              + " too: users fall into round(1/f) buckets by a hash of their id and each sweep samples the next bucket,"
              + " so every user is sampled once every round(1/f) sweeps (1.0: every user, every sweep).")
      .define(SWEEP_ENABLED, Type.BOOLEAN, true, LOW,
          "Run the background sweep. Off only for fault-injection runs (segstream chaos): without it the changes"
              + " are exactly what each user's own events cause, so they can be checked against an exact oracle"
              + " (no INACTIVITY or EXPIRED changes, no sampled vectors; a new model reaches a user with their next"
              + " event).")
      .define(SWEEP_INTERVAL_SECONDS, Type.LONG, 60L, atLeast(1), MEDIUM,
          "How often the background sweep starts over the user population: re-evaluates recency at stream"
              + " time, re-assigns after a new model, samples vectors, expires inactive users.")
      .define(SWEEP_USERS_PER_SECOND, Type.INT, 20_000, atLeast(1), MEDIUM,
          "Rate limit of the sweep per stream task, so the live stream keeps its latency.")
      .define(USERS_RETENTION_DAYS, Type.DOUBLE, 400.0, atLeast(1.0), MEDIUM,
          "Users inactive (event time) for longer are dropped and an EXPIRED change emitted.")
      .define(TOP_ITEMS_HALF_LIFE_DAYS, Type.DOUBLE, 7.0, atLeast(0.01), MEDIUM,
          "Half-life of the per-segment trending-item scores (views 0.1, cart adds 0.3, purchased lines 1).")
      .define(TOP_ITEMS_CAPACITY, Type.INT, 100, atLeast(1), LOW,
          "Products kept per segment and stream task for top-items; the rest are pruned, bounding the state.")
      // model updater
      .define(UPDATER_K, Type.STRING, "5", MEDIUM,
          "Number of segments, or 'auto' to choose in [updater.k-min, updater.k-max] by silhouette on a sample.")
      .define(UPDATER_K_MIN, Type.INT, 3, atLeast(2), LOW, "Smallest k tried by k=auto.")
      .define(UPDATER_K_MAX, Type.INT, 10, atLeast(2), LOW, "Largest k tried by k=auto.")
      .define(UPDATER_BOOTSTRAP_VECTORS, Type.INT, 2_000, atLeast(10), MEDIUM,
          "Vectors collected before the first model is fitted with k-means++ (smile).")
      .define(UPDATER_BATCH_SIZE, Type.INT, 512, atLeast(1), MEDIUM, "Vectors per mini-batch update.")
      .define(UPDATER_MAX_BATCH_WAIT_MS, Type.LONG, 2_000L, atLeast(1), LOW,
          "A partial batch is trained after waiting this long.")
      .define(UPDATER_DECAY_FACTOR, Type.DOUBLE, 0.95, between(0.0, 1.0), MEDIUM,
          "Forgetting per time unit, as in Spark's StreamingKMeans: 1 = never forget (centres are running"
              + " means), 0 = only the latest batch counts.")
      .define(UPDATER_HALF_LIFE, Type.DOUBLE, 0.0, atLeast(0.0), MEDIUM,
          "If > 0, overrides decay-factor: after this many time units old data weighs half.")
      .define(UPDATER_TIME_UNIT, Type.STRING, "batches", ValidString.in("batches", "points"), MEDIUM,
          "Unit of decay-factor and half-life: per batch, or per point (scaled by batch size).")
      .define(UPDATER_RESEED_MIN_SHARE, Type.DOUBLE, 0.01, between(0.0, 0.5), LOW,
          "A centre whose weight falls below this share of the total is starving: it is re-seeded at a"
              + " badly-served point under a new segment id.")
      .define(UPDATER_PUBLISH_MIN_MOVEMENT, Type.DOUBLE, 0.25, atLeast(0.0), MEDIUM,
          "Publish when some centre moved more than this (standardised units) since the last publication (centre"
              + " noise alone is around 0.05-0.1 with the default batch and decay)...")
      .define(UPDATER_PUBLISH_INTERVAL_SECONDS, Type.LONG, 30L, atLeast(1), MEDIUM,
          "...or when this much time has passed with any training.")
      .define(UPDATER_PUBLISH_MIN_GAP_MS, Type.LONG, 1_000L, atLeast(0), LOW,
          "Never publish more often than this: every version makes the streams app re-assign everyone.")
      .define(UPDATER_SEED, Type.LONG, 42L, LOW, "Random seed of k-means++ and re-seeding, for repeatable runs.")
      .define(UPDATER_EVENT_VECTORS, Type.STRING, "always", ValidString.in("always", "bootstrap"), MEDIUM,
          "Which vectors taken right after a user's event (recency 0, active users over-represented) the model trains"
              + " on: 'always', or only until the first model is fitted ('bootstrap'), after which only the sweep's"
              + " uniform sample trains it. 'bootstrap' fits the population better when sweeps supply plenty of"
              + " samples (bench quality: inertia 1.008 vs 1.040 x batch k-means); a fast replay of history sees few"
              + " sweeps and needs the event vectors (demo: ARI 0.90 with 'always', 0.66 with 'bootstrap').")
      .define(UPDATER_HTTP_PORT, Type.INT, 8081, between(0, 65535), LOW,
          "Port of /metrics and /health when the updater runs on its own (segstream updater).")
      // refits of the online model
      .define(UPDATER_REFIT_INTERVAL_BATCHES, Type.INT, 20, atLeast(0), MEDIUM,
          "Every this many mini-batches the centres are refitted on the most recent vectors (batch-size / (1 -"
              + " decay) of them): a few Lloyd iterations, or a better optimum from k-means++ restarts, so the model"
              + " follows a restructured population within a bounded number of batches. 0 = never; never with decay 1.")
      .define(UPDATER_REFIT_MIN_GAIN, Type.DOUBLE, 0.02, between(0.0, 0.5), LOW,
          "A refit's k-means++ restart replaces the centres (new groups get new segment ids) only if it lowers the"
              + " recent vectors' inertia by more than this share; otherwise the centres are only polished.")
      // refits on the whole population
      .define(UPDATER_POPULATION_USERS, Type.INT, 50_000, atLeast(0), MEDIUM,
          "The updater keeps the latest sampled vector of up to this many users (the same users whatever the order"
              + " they arrive in) and refits the model on them with a population scaler and k-means++ (10 restarts,"
              + " fixed seed) whenever they changed: the same history gives the same segments at any replay pace,"
              + " and scaler and 'typical' values describe the whole population, not the users who happen to be"
              + " active. 0 = online learning only.")
      .define(UPDATER_POPULATION_QUIET_MS, Type.LONG, 3_000L, atLeast(0), LOW,
          "A population refit runs once the sampled population has not changed for this long.")
      .define(UPDATER_POPULATION_MAX_INTERVAL_SECONDS, Type.LONG, 60L, atLeast(1), LOW,
          "While the sampled population keeps changing, a population refit runs at least this often.")
      .define(UPDATER_POPULATION_SCALING, Type.STRING, "blend", ValidString.in("blend", "shares", "z-scores"), MEDIUM,
          "How a population refit scales features. 'shares': in shares of the population (a customer at the 80th"
              + " percentile of spend is 0.8), as RFM's quintile scores do, so heavy tails do not stretch distances and"
              + " features on which everyone is equal weigh nothing; 'z-scores': by median and standard deviation;"
              + " 'blend': a quarter z-score (clipped at 3), three quarters share. On the Online Retail data shares"
              + " and blend predict repurchase and spend better than z-scores; on the demo's personas blend and z-scores"
              + " find the"
              + " personas better than shares (docs/evaluation.md).")
      // text stage: review and product text through a local sentence-embedding model, off the hot path
      .define(TEXT_ENABLED, Type.BOOLEAN, true, MEDIUM,
          "Run the text stage in the streams app's process (segstream text runs it on its own instead): review"
              + " text becomes REVIEW_SIGNALS events, products without a category get one from their name.")
      .define(TEXT_MODEL_PATH, Type.STRING, "", MEDIUM,
          "Directory with model.onnx (or onnx/model.onnx) and a WordPiece tokenizer.json of another"
              + " sentence-embedding model; empty = all-MiniLM-L6-v2 from the class path. Never downloaded.")
      .define(TEXT_MODEL, Type.STRING, "all-minilm-l6-v2-q", ValidString.in("all-minilm-l6-v2-q", "all-minilm-l6-v2"),
          MEDIUM, "Bundled model when text.model-path is empty: all-MiniLM-L6-v2 with its weights quantized to 8-bit"
              + " integers (-q), or in 32-bit floats: -q is about twice as fast on one core, and as good on real"
              + " reviews, for the learned head and the anchors alike (docs/text.md).")
      .define(TEXT_MAX_TOKENS, Type.INT, 128, between(8, 512), MEDIUM,
          "Tokens the model reads per text at most ([CLS] and [SEP] included; the model's own limit if lower):"
              + " longer reviews are cut at the end and counted. Fewer tokens = faster model runs.")
      .define(TEXT_TAIL_TOKENS, Type.INT, 0, between(0, 510), LOW,
          "Of a text longer than text.max-tokens, how many of its last word pieces are kept besides its start"
              + " (0 = only the start): a review's last sentence is often its verdict.")
      .define(TEXT_POOLING, Type.STRING, "sentences", ValidString.in("sentences", "text"), MEDIUM,
          "How a review becomes one vector: sentences = each sentence embedded on its own and their vectors"
              + " averaged (keeps each statement whole; learned sentiment follows the stars much better on real"
              + " reviews, docs/text.md); text = the whole review as one model input, cut at text.max-tokens."
              + " Product names are always embedded whole.")
      .define(TEXT_BATCH_SIZE, Type.INT, 128, between(1, 1024), MEDIUM,
          "Texts embedded together: a buffer this full is embedded at once.")
      .define(TEXT_MODEL_BATCH_SIZE, Type.INT, 8, between(0, 1024), LOW,
          "Texts per model run: a batch (text.batch-size) is sorted by length and run in groups of this many, so"
              + " texts of similar length share their padding. 0 = the whole batch in one run.")
      .define(TEXT_MAX_BATCH_WAIT_MS, Type.LONG, 1_000L, atLeast(10), MEDIUM,
          "A partial batch is embedded once its oldest text has waited this long (wall clock).")
      .define(TEXT_MAX_CHARS, Type.INT, 1_000, atLeast(16), LOW,
          "Longer texts are cut at a word boundary (and counted); the model reads at most 128 tokens anyway.")
      .define(TEXT_THREADS, Type.INT, 1, between(1, 64), LOW,
          "CPU threads one model run may use. 1 leaves the other cores to the segmentation stream.")
      .define(TEXT_SIGNAL_SCALE, Type.DOUBLE, TEXT_DEFAULT_SIGNAL_SCALE, atLeast(0.1), LOW,
          "Inverse temperature of the softmax that turns similarities to the anchor sentences into signals:"
              + " higher = more decisive scores (see docs/text.md for the calibration).")
      .define(TEXT_ANCHORS_POSITIVE, Type.STRING, TEXT_DEFAULT_POSITIVE, LOW,
          "Sentences of a positive review, separated by '|' (sentiment).")
      .define(TEXT_ANCHORS_NEUTRAL, Type.STRING, TEXT_DEFAULT_NEUTRAL, LOW,
          "Sentences of a neutral review, separated by '|' (sentiment 0).")
      .define(TEXT_ANCHORS_NEGATIVE, Type.STRING, TEXT_DEFAULT_NEGATIVE, LOW,
          "Sentences of a negative review that names no particular complaint, separated by '|'.")
      .define(TEXT_ANCHORS_DELIVERY, Type.STRING, TEXT_DEFAULT_DELIVERY, LOW,
          "Sentences complaining about delivery, separated by '|'.")
      .define(TEXT_ANCHORS_QUALITY, Type.STRING, TEXT_DEFAULT_QUALITY, LOW,
          "Sentences complaining about quality, separated by '|'.")
      .define(TEXT_ANCHORS_PRICE, Type.STRING, TEXT_DEFAULT_PRICE, LOW,
          "Sentences complaining about price, separated by '|'.")
      .define(TEXT_CATEGORIES, Type.STRING, TEXT_DEFAULT_CATEGORIES, MEDIUM,
          "Categories for products that come without one: 'name=description|description; name=...'. Names"
              + " should be among features.categories (others count as 'other').")
      .define(TEXT_SIMILARITY_THRESHOLD, Type.DOUBLE, TEXT_DEFAULT_SIMILARITY_THRESHOLD, between(-1.0, 1.0), MEDIUM,
          "A product whose name is less similar (cosine) than this to every category description is 'other'.")
      .define(TEXT_HTTP_PORT, Type.INT, 8082, between(0, 65535), LOW,
          "Port of /metrics and /health when the text stage runs on its own (segstream text).")
      .define(TEXT_HEAD_ENABLED, Type.BOOLEAN, true, MEDIUM,
          "Learn review sentiment from the shop's own star ratings (REVIEW events with a rating): a logistic"
              + " head on the embeddings replaces the anchors' sentiment once trained. Complaints stay zero-shot.")
      .define(TEXT_HEAD_MIN_RATINGS, Type.INT, 300, atLeast(10), MEDIUM,
          "Rated reviews (of both 4-5 and 1-3 stars) seen before the first head is trained; until then the"
              + " anchors give sentiment (the cold start).")
      .define(TEXT_HEAD_RETRAIN_EVERY, Type.INT, 500, atLeast(1), LOW,
          "A new head version is trained after this many more rated reviews.")
      .define(TEXT_HEAD_MAX_EXAMPLES, Type.INT, 20_000, between(100, 200_000), LOW,
          "The most recent rated reviews kept (as embeddings, no text or user) to train the head on; bounds"
              + " its store and each training run.");

  private ConfigKeys() {}

  /** Environment variable that overrides a key: SEGSTREAM_ + upper case, with '.' and '-' as '_'. */
  public static String envName(final String key) {
    return "SEGSTREAM_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static void requireKnown(final String key) {
    if (!DEFINITION.names().contains(key) && !key.startsWith(KAFKA_PREFIX)) {
      throw new ConfigException("unknown configuration key '" + key + "'. Known keys are listed in the README"
          + " (or run 'segstream config'); Kafka client settings go under '" + KAFKA_PREFIX + "'.");
    }
  }
}
