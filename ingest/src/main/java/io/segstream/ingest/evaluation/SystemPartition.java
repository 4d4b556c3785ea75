package io.segstream.ingest.evaluation;

import java.util.Map;

/**
 * What a settled segstream said: every user's segment under one model version.
 *
 * @param k segments in the model (the baselines get the same number of groups)
 * @param labels segment id → its label
 * @param segmentOf user id → segment id
 */
public record SystemPartition(long modelVersion, int k, Map<Integer, String> labels, Map<String, Integer> segmentOf) {
  public SystemPartition {
    labels = Map.copyOf(labels);
    segmentOf = Map.copyOf(segmentOf);
  }
}
