/**
 * Shops' own data into segstream, and segstream's segments measured on it; no command-line code. Importers for
 * JSON lines and CSV ({@code importer}), the UCI Online Retail file ({@code retail}), sending to Kafka
 * ({@code send}), RFM scoring ({@code rfm}) and the evaluation of segments against later behaviour
 * ({@code evaluation}).
 */
package io.segstream.ingest;
