package io.segstream.generator;

import java.time.Instant;

/** A user who behaves as {@code to} instead of {@code from} since {@code at} (event time). */
public record PersonaSwitch(String userId, Persona from, Persona to, Instant at) {}
