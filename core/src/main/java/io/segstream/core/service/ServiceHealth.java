package io.segstream.core.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a service can do its job now, as {@code GET /health} reports it: up or down, the state of the part that
 * decides it (the Kafka Streams state, the updater's role), and a few facts an operator checks first (the model
 * version). A standby updater is up: it is ready to take over.
 *
 * @param up        whether the service can do its job (200 on /health), or not (503)
 * @param component the name /health gives the state under, e.g. {@code streams}, {@code updater}, {@code textStage}
 * @param state     that component's state, e.g. {@code RUNNING}
 * @param details   further facts, in the order they are reported
 */
public record ServiceHealth(boolean up, String component, String state, Map<String, Object> details) {
  public ServiceHealth {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(state, "state");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Without further facts. */
  public static ServiceHealth of(final boolean up, final String component, final String state) {
    return new ServiceHealth(up, component, state, Map.of());
  }

  /** The /health body: {@code {"status": "UP"|"DOWN", <component>: <state>, ...details}}. */
  public Map<String, Object> body() {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put(component, state);
    body.putAll(details);
    return body;
  }
}
