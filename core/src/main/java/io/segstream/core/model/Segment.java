package io.segstream.core.model;

import java.util.Arrays;

/**
 * One segment of a published model.
 *
 * @param id stable for the life of the centre, never reused
 * @param centroid in standardised space
 * @param weight decayed count of vectors the centre absorbed
 * @param movement distance moved (standardised) since the previous publication
 * @param createdVersion model version in which the centre appeared
 */
public record Segment(int id, String label, String description, double[] centroid, double weight, double movement,
    long createdVersion) {
  public Segment {
    centroid = centroid.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Segment s && id == s.id && label.equals(s.label) && description.equals(s.description)
        && Arrays.equals(centroid, s.centroid) && Double.compare(weight, s.weight) == 0
        && Double.compare(movement, s.movement) == 0 && createdVersion == s.createdVersion;
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(centroid);
  }
}
