package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.generator.Persona;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The input of a fault-injection run: the simulated shop's history for a fixed seed, in the order it is sent
 * (each user's events in time order), and the hidden persona of each user.
 */
record ShopScript(List<UserEvent> events, Map<String, Persona> personas) {
  ShopScript {
    events = List.copyOf(events);
    personas = Map.copyOf(personas);
  }

  static ShopScript generate(final int users, final int historyDays, final long seed) {
    final ShopSimulator sim = new ShopSimulator(SimulatorConfig.defaults().withUsers(users).withSeed(seed)
        .withHistoryDays(historyDays).withNow(Instant.now()));
    final List<UserEvent> events = new ArrayList<>();
    for (var e = sim.nextHistoryEvent(); e.isPresent(); e = sim.nextHistoryEvent()) {
      events.add(e.get());
    }
    return new ShopScript(events, sim.truth());
  }
}
