package io.segstream.ingest.evaluation;

/** One group of a partition: its name, how many customers it holds, and how they behaved after the cutoff. */
public record GroupSummary(String label, int customers, double share, double repurchaseRate, double meanFutureSpend) {}
