package io.segstream.streams.rest;

import io.segstream.core.service.ServiceHealth;

/** What /health reports: whether the process can do its job, and a body explaining the state. */
public record HealthStatus(boolean healthy, Object body) {
  /** A service's own account of its health ({@code 200} if up, {@code 503} if not). */
  public static HealthStatus of(final ServiceHealth health) {
    return new HealthStatus(health.up(), health.body());
  }
}
