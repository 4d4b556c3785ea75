package io.segstream.core.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationSnapshotTest {
  private static double[] v(final double... x) {
    return x;
  }

  @Test
  void keepsTheLatestVectorPerUserAndCountsOnlyRealChanges() {
    final PopulationSnapshot s = new PopulationSnapshot(10);
    assertThat(s.put("a", v(1, 2))).isTrue();
    assertThat(s.put("a", v(1, 2))).as("the same vector again is nothing new").isFalse();
    assertThat(s.changes()).isEqualTo(1);
    assertThat(s.put("a", v(3, 4))).isTrue();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.rows()).isDeepEqualTo(new double[][] {v(3, 4)});
    s.remove("a");
    s.remove("never-seen");
    assertThat(s.size()).isZero();
    assertThat(s.changes()).isEqualTo(3);
  }

  @Test
  void theSampleAndItsOrderDependOnTheUsersNotOnTheirArrivalOrder() {
    final List<String> users = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      users.add("user-" + i);
    }
    final PopulationSnapshot first = new PopulationSnapshot(1_000);
    users.forEach(u -> first.put(u, v(u.hashCode())));
    Collections.shuffle(users, new Random(7));
    final PopulationSnapshot second = new PopulationSnapshot(1_000);
    users.forEach(u -> second.put(u, v(u.hashCode())));
    assertThat(first.size()).isEqualTo(1_000);
    assertThat(second.rows()).isDeepEqualTo(first.rows());
  }

  @Test
  void bucketsSplitUsersEvenly() {
    final int[] counts = new int[5];
    for (int i = 0; i < 50_000; i++) {
      counts[PopulationSnapshot.bucket("u" + i, 5)]++;
    }
    for (final int c : counts) {
      assertThat(c).isBetween(9_500, 10_500);
    }
  }
}
