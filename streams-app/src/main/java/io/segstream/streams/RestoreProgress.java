package io.segstream.streams;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which store partitions this instance is restoring from their changelogs right now. A restarted instance whose
 * state was lost (a wiped disk, a kill -9 under exactly-once) restores for seconds to minutes; /health says so, and
 * one line is logged when a restoration starts and ends, so an operator (or a fault-injection run) can see it.
 */
final class RestoreProgress implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

  private final Set<String> restoring = ConcurrentHashMap.newKeySet();

  /** The store partitions being restored now, as {@code store/partition}, sorted. */
  List<String> restoring() {
    return restoring.stream().sorted().toList();
  }

  @Override
  public void onRestoreStart(final TopicPartition partition, final String store, final long startingOffset,
      final long endingOffset) {
    restoring.add(store + "/" + partition.partition());
    if (endingOffset > startingOffset) {
      LOG.info("restoring {} partition {}: {} changelog records", store, partition.partition(),
          endingOffset - startingOffset);
    }
  }

  @Override
  public void onBatchRestored(final TopicPartition partition, final String store, final long batchEndOffset,
      final long numRestored) {
    // progress is visible through /health; no line per batch
  }

  @Override
  public void onRestoreEnd(final TopicPartition partition, final String store, final long totalRestored) {
    restoring.remove(store + "/" + partition.partition());
    if (totalRestored > 0) {
      LOG.info("restored {} partition {}: {} records", store, partition.partition(), totalRestored);
    }
  }

  @Override
  public void onRestoreSuspended(final TopicPartition partition, final String store, final long totalRestored) {
    restoring.remove(store + "/" + partition.partition());
    LOG.info("restoration of {} partition {} suspended after {} records (the task moved)", store,
        partition.partition(), totalRestored);
  }
}
