package io.segstream.ingest.rfm;

/** A customer's quintile scores (1-5) and the segment they put it in. */
public record RfmScore(CustomerRfm customer, int r, int f, int m, RfmSegment segment) {}
