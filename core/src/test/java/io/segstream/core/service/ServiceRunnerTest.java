package io.segstream.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
  private final List<String> events = new ArrayList<>();

  private AutoCloseable service(final String name) {
    events.add("start " + name);
    return () -> events.add("stop " + name);
  }

  @Test
  void stopsServicesInReverseOrderAfterTheClosingStep() throws Exception {
    final ServiceRunner runner = new ServiceRunner("test");
    runner.start("broker", () -> service("broker"));
    runner.start("app", () -> service("app"));
    assertThat(runner.awaitShutdown(0, () -> events.add("report"))).isZero();
    assertThat(events).containsExactly("start broker", "start app", "report", "stop app", "stop broker");
    runner.close();
    assertThat(events).hasSize(5);
  }

  @Test
  void aServiceThatFailsToStartStopsTheOnesBeforeIt() {
    final ServiceRunner runner = new ServiceRunner("test");
    runner.start("broker", () -> service("broker"));
    runner.start("app", () -> service("app"));
    assertThatThrownBy(() -> runner.start("updater", () -> {
      throw new IllegalStateException("no broker");
    })).hasMessage("no broker");
    assertThat(events).containsExactly("start broker", "start app", "stop app", "stop broker");
  }

  @Test
  void aServiceThatFailsToStopDoesNotKeepTheOthersRunning() {
    final ServiceRunner runner = new ServiceRunner("test");
    runner.start("broker", () -> service("broker"));
    runner.start("app", () -> () -> {
      throw new IllegalStateException("stuck");
    });
    runner.close();
    assertThat(events).containsExactly("start broker", "stop broker");
  }

  @Test
  void healthBodyNamesTheStatusTheComponentsStateAndTheDetailsInOrder() {
    final ServiceHealth up = new ServiceHealth(true, "streams", "RUNNING", Map.of("modelVersion", 12L));
    assertThat(up.body()).containsExactly(Map.entry("status", "UP"), Map.entry("streams", "RUNNING"),
        Map.entry("modelVersion", 12L));
    assertThat(ServiceHealth.of(false, "updater", "CLOSED").body())
        .containsExactly(Map.entry("status", "DOWN"), Map.entry("updater", "CLOSED"));
  }
}
