package io.segstream.generator;

/** HISTORY: the past, replayed as fast as it is consumed. LIVE: events at the wall clock, forever. */
public enum SimulationPhase { HISTORY, LIVE }
