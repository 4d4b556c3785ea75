package io.segstream.streams.dashboard;

import java.util.Map;

/**
 * Changes from one segment to another in a window; {@link ChangeView#OUTSIDE} as {@code from} means users who
 * entered segmentation, as {@code to} users who left it.
 *
 * @param reasons change count per reason (NEW_USER, BEHAVIOR_CHANGE, MODEL_UPDATE, INACTIVITY, USER_DELETED, EXPIRED)
 */
public record Flow(int from, String fromLabel, int to, String toLabel, long total, Map<String, Long> reasons) {}
