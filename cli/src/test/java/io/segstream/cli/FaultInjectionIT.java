package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.cli.chaos.ChaosSchedule;
import io.segstream.cli.chaos.ScenarioResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast variant of each fault-injection scenario, with real processes: {@code segstream broker} and
 * {@code segstream streams} as child JVMs of the packaged CLI, killed with SIGKILL. The full schedule is
 * {@code segstream chaos}; its table is in the README.
 */
class FaultInjectionIT {
  private static String classpath;

  @TempDir Path dir;

  @BeforeAll
  static void packagedCli() {
    // Integration tests run after 'package': the same jar and libraries as ./segstream.
    final Path jar = Path.of("target", "segstream-cli.jar").toAbsolutePath();
    assertThat(jar).as("run with 'verify', after the CLI is packaged").exists();
    classpath = jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*";
  }

  @Test
  void killedInstancesAndBrokersNeitherLoseNorDuplicateAChange() throws Exception {
    // Scenarios 1 and 3 share one cluster here to save CI time: an instance is killed and restarted from a wiped
    // state directory, killed again while /health says it is restoring, restarted; then the broker is killed.
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).instanceThenBrokerCrash();
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.recordsChecked()).as("changes were produced").isGreaterThan(100);
    assertThat(r.lost()).as("lost changes: " + r.notes()).isZero();
    assertThat(r.duplicated()).as("duplicated changes: " + r.notes()).isZero();
    assertThat(r.chainBreaks()).as("each change starts where the previous one ended").isZero();
    assertThat(r.endsAgree()).as("no transaction left open: read_committed end == read_uncommitted end").isTrue();
    assertThat(r.iqMismatches()).as("last assignment == oracle == IQ: " + r.notes()).isZero();
    assertThat(r.sizesAddUp()).as("segment sizes add up to the users, both instances healthy: " + r.notes())
        .isTrue();
    assertThat(r.checksHeld()).as("a kill landed while the restarted instance was restoring: " + r.notes()).isTrue();
    assertThat(r.faults()).contains("wiped state", "1 while restoring");
  }

  @Test
  void aKilledOrFrozenUpdaterNeitherLosesVectorsNorPublishesAsAZombie() throws Exception {
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).updaterFailover(true);
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.lost() + r.duplicated()).as("trainedVectors == vectors sent == vectors committed: " + r.notes())
        .isZero();
    assertThat(r.endsAgree()).as("no publication left open on the model topic").isTrue();
    assertThat(r.checksHeld()).as("versions strictly increase, the zombie published nothing: " + r.notes())
        .isTrue();
  }

  @Test
  void poisonRecordsAreDeadLetteredExactlyOnceWhileAnInstanceDies() throws Exception {
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).poison(true);
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.lost() + r.duplicated() + r.chainBreaks()).as("good records meet the oracle: " + r.notes())
        .isZero();
    assertThat(r.endsAgree()).isTrue();
    assertThat(r.iqMismatches()).as(r.notes().toString()).isZero();
    assertThat(r.sizesAddUp()).as(r.notes().toString()).isTrue();
    assertThat(r.checksHeld()).as("dead letters == injected records, membership index == profiles: " + r.notes())
        .isTrue();
  }

  @Test
  void aV2WriterIsDeadLetteredThenReadOnceTheReaderKnowsV2() throws Exception {
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).schemaEvolution(true);
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.checksHeld()).as("every v2 record dead-lettered and counted by today's reader: " + r.notes())
        .isTrue();
    assertThat(r.lost() + r.duplicated() + r.chainBreaks()).as("after the upgrade and the redrive, the oracle: "
        + r.notes()).isZero();
    assertThat(r.iqMismatches()).as(r.notes().toString()).isZero();
    assertThat(r.sizesAddUp()).as(r.notes().toString()).isTrue();
  }

  @Test
  void erasedUsersStayErasedThroughACrashAndLateSignals() throws Exception {
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).erasure(true);
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.lost() + r.duplicated() + r.chainBreaks()).as("one USER_DELETED each, others as the oracle: "
        + r.notes()).isZero();
    assertThat(r.endsAgree()).isTrue();
    assertThat(r.iqMismatches()).as(r.notes().toString()).isZero();
    assertThat(r.sizesAddUp()).as(r.notes().toString()).isTrue();
    assertThat(r.checksHeld()).as("tombstones, IQ 404, no resurrection: " + r.notes()).isTrue();
  }

  @Test
  void queriesKeepAnsweringWhileAnInstanceIsDead() throws Exception {
    final ScenarioResult r = new ChaosSchedule(dir, classpath, System.out).failover(true);
    System.out.print(ChaosSchedule.table(List.of(r)));
    r.notes().forEach(System.out::println);
    assertThat(r.iqMismatches()).as("no wrong value and no false 404 for an existing user: " + r.notes()).isZero();
    assertThat(r.lost() + r.duplicated() + r.chainBreaks()).isZero();
    assertThat(r.sizesAddUp()).as(r.notes().toString()).isTrue();
    assertThat(r.longestUnavailabilityMs()).as("measured, not bounded: it depends on the machine").isNotNegative();
    assertThat(Files.exists(dir.resolve("failover/logs/broker.log"))).isTrue();
  }
}
