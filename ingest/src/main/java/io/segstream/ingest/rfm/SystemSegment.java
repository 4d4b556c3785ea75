package io.segstream.ingest.rfm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A segment as GET /v1/segments describes it; the centroid is in original units, in the model's feature order. */
public record SystemSegment(int id, String label, String description, long size, Map<String, Double> centroid) {
  public SystemSegment {
    centroid = Collections.unmodifiableMap(new LinkedHashMap<>(centroid)); // keeps the model's feature order
  }
}
