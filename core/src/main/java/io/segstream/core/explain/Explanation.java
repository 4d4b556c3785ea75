package io.segstream.core.explain;

import java.util.List;

/**
 * Why a user is in their segment.
 *
 * @param margin how much farther the runner-up centre is than the user's own (standardised units)
 * @param reasons the features that hold the user in their segment rather than the runner-up, strongest first
 */
public record Explanation(int segmentId, String label, double distance, int runnerUpId, String runnerUpLabel,
    double runnerUpDistance, double margin, List<Distance> distances, List<Reason> reasons) {

  public record Distance(int segmentId, String label, double distance) {}

  /**
   * @param contribution how much this feature alone adds to (runner-up distance² − own distance²)
   * @param text the reason in words, e.g. "spend a lot (412.00 vs 85.10 typical, 4.8× as much)"
   */
  public record Reason(String feature, double value, double typical, double contribution, String text) {}
}
