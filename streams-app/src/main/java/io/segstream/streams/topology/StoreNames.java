package io.segstream.streams.topology;

/** State store names, shared by the topology and the interactive queries behind the REST API. */
public final class StoreNames {
  /** userId → UserProfile: features and current assignment. */
  public static final String PROFILES = "user-profiles";
  /** segmentId|userId → empty: who is in which segment, for paging through a segment. */
  public static final String MEMBERS = "segment-members";
  /** segmentId → number of users, -1 for users not assigned yet (per task; sum over tasks for the total). */
  public static final String SIZES = "segment-sizes";
  /** segmentId|productId → ItemScore: what is trending in each segment (per task, bounded). */
  public static final String ITEMS = "segment-items";
  /** model name → SegmentModel bytes, a global store fed by the compacted model topic. */
  public static final String MODEL = "segment-model";

  private StoreNames() {}
}
