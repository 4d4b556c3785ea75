package io.segstream.streams.rest;

import java.util.List;
import java.util.Map;

/** JSON bodies of the REST API. */
public final class Responses {
  private Responses() {}

  /** @param possiblyStale read from a standby copy while the active one could not answer: may lag slightly */
  public record User(String userId, int segmentId, String segmentLabel, long modelVersion, String assignedAt,
      double distance, String lastSeen, String topCategory, Map<String, Double> features, boolean possiblyStale) {}

  public record Segment(int id, String label, String description, long size, double weight, double movement,
      long createdVersion, Map<String, Double> centroid) {}

  /**
   * @param users assigned users; {@code unassigned} counts those seen before any usable model
   * @param unansweredInstances instances (host:port) whose users are missing from these counts: they did not answer
   */
  public record Segments(long modelVersion, String publishedAt, long users, long unassigned, List<Segment> segments,
      List<String> unansweredInstances) {}

  /** @param unansweredInstances instances whose members are missing from this page: they did not answer */
  public record Members(int segmentId, List<String> users, String next, List<String> unansweredInstances) {}

  public record Model(String name, long version, int generation, int k, String featureSet, List<String> featureNames,
      long trainedVectors, double inertia, String publishedAt, Map<String, String> parameters) {}

  /** @param score decayed activity (views 0.1, cart adds 0.3, purchased lines 1) summed over the segment's users */
  public record Item(String productId, String name, String category, double score) {}

  /** @param unansweredInstances instances whose activity is missing from these scores: they did not answer */
  public record TopItems(int segmentId, String label, List<Item> items, List<String> unansweredInstances) {}

  /** @param restoring store partitions ({@code store/partition}) being restored from their changelogs now */
  public record Health(String status, String streams, long modelVersion, List<String> restoring) {}

  public record Error(int status, String error) {}

  /** Per-instance segment sizes, for aggregation across instances. */
  public record Sizes(Map<Integer, Long> sizes) {}
}
