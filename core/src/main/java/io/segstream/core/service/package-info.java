/**
 * How a segstream process runs its services, the same way for all of them: a {@link io.segstream.core.service.Service}
 * reports its {@link io.segstream.core.service.ServiceHealth} (served on {@code /health}) and stops idempotently;
 * the {@link io.segstream.core.service.ServiceRunner} starts services with one log line each, waits for SIGTERM or
 * Ctrl-C behind a shutdown hook, and stops them in reverse order. Commands only wire configuration to it.
 */
package io.segstream.core.service;
