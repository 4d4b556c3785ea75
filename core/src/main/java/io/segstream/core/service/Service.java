package io.segstream.core.service;

/**
 * A long-running part of segstream that a process starts, watches and stops: the streams app, the text stage,
 * the model updater. Each one says how it is ({@link #health()}, served on {@code /health}) and stops quickly and
 * idempotently ({@link #close()}); {@link ServiceRunner} runs them all the same way.
 */
public interface Service extends AutoCloseable {
  /** How the service is now; cheap, called on every {@code /health} request. */
  ServiceHealth health();

  /** Stops the service and releases what it holds; idempotent, never throws. */
  @Override
  void close();
}
