package io.segstream.ingest.rfm;

/**
 * One customer's raw RFM measures.
 *
 * @param recencyDays days from the last order to the reference date
 * @param orders PURCHASE events (invoices)
 * @param spend money in those orders (quantity × price × (1 − discount))
 * @param returned money in RETURN events, reported beside spend, not netted
 */
public record CustomerRfm(String userId, double recencyDays, long orders, double spend, double returned) {}
