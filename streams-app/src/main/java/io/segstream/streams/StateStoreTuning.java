package io.segstream.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompactionOptionsUniversal;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * RocksDB settings of every state store, set against the bytes a user costs on disk (docs/performance.md).
 * Kafka Streams leaves RocksDB uncompressed with 4 KiB blocks; user profiles are small, similar records (floats,
 * timestamps, ids with shared prefixes), so LZ4 on 16 KiB blocks roughly halves the files at a CPU cost the
 * profile shows to be negligible (RocksDB work is 2% of an event). Kafka Streams' own bloom filter and block cache
 * stay as they are: point lookups of absent users (new users) already skip the files.
 *
 * <p>Kafka Streams' universal compaction only considers compacting once four sorted runs exist, and then allows
 * the files to be three times the live data (200% size amplification). Profiles are rewritten all the time and
 * every memtable flush holds a fresh copy of most users, so a store sat at two to three copies of every profile:
 * bench throughput at 200,000 users found three flushed files of 6-7.5 MB per task for 7 MB of live profiles.
 * Here a second sorted run is enough to consider compacting, and the files may be at most 25% larger than the
 * live data before they are merged; the store then holds one copy plus at most the latest flush. Memtables of
 * 8 MiB instead of Kafka Streams' 16 keep that latest flush (a whole copy of the users just swept or active) small
 * against the store. Measured at 200,000 users (bench throughput, docs/performance.md): the profiles store went
 * from 210 to 107 bytes per user on disk. The merges cost a background rewrite of the store every flush or few (tens
 * of MB, LZ4), off the stream thread. At a million users on 2 cores they probably cost stream throughput
 * (19,051-20,645 events/s against 26,715 with Kafka Streams' compaction, in separate runs), so
 * {@code streams.state-compaction=kafka-streams} keeps Kafka Streams' own compaction.
 */
public final class StateStoreTuning implements RocksDBConfigSetter {
  static final long BLOCK_SIZE_BYTES = 16 * 1024L;
  static final int SORTED_RUNS_TO_COMPACT = 2;
  static final int MAX_SIZE_AMPLIFICATION_PERCENT = 25;
  static final long WRITE_BUFFER_BYTES = 8 * 1024 * 1024L;
  /** Streams property (from {@code streams.state-compaction}) that Kafka Streams hands to {@link #setConfig}. */
  public static final String COMPACTION_CONFIG = "segstream.state-compaction";
  static final String KAFKA_STREAMS_COMPACTION = "kafka-streams";

  /** Owned here (RocksDB options do not close what is set on them); Kafka Streams makes one setter per store. */
  private CompactionOptionsUniversal universal;

  @Override
  public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
    final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockSize(BLOCK_SIZE_BYTES);
    options.setTableFormatConfig(table);
    options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    options.setBottommostCompressionType(CompressionType.LZ4_COMPRESSION);
    if (KAFKA_STREAMS_COMPACTION.equals(configs.get(COMPACTION_CONFIG))) {
      return;
    }
    universal = new CompactionOptionsUniversal();
    universal.setMaxSizeAmplificationPercent(MAX_SIZE_AMPLIFICATION_PERCENT);
    options.setCompactionOptionsUniversal(universal);
    options.setLevel0FileNumCompactionTrigger(SORTED_RUNS_TO_COMPACT);
    options.setWriteBufferSize(WRITE_BUFFER_BYTES);
  }

  @Override
  public void close(final String storeName, final Options options) {
    // the table config and filter are Kafka Streams' own, closed by it
    if (universal != null) {
      universal.close();
    }
  }
}
