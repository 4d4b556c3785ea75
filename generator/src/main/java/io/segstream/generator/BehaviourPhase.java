package io.segstream.generator;

/**
 * A stretch of a user's life with one behaviour, from {@code start} (simulated epoch millis) until the next
 * phase. {@code persona} is the ground-truth label during the phase.
 */
record BehaviourPhase(long start, Persona persona, UserTraits traits) {}
