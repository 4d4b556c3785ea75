package io.segstream.streams.rest;

/** What /health reports: whether the process can do its job, and a body explaining the state. */
public record HealthStatus(boolean healthy, Object body) {}
