/**
 * The contract between segstream's services and the shops and tools around them: Avro schemas (generated into
 * {@code io.segstream.avro}), their released history, and the serdes.
 *
 * <ul>
 *   <li>{@link io.segstream.schemas.AvroSerdes}: one serde per contract type, single-object encoded (the schema's
 *       fingerprint travels with every record); named so that Kafka's own {@code Serdes} needs no full name.</li>
 *   <li>{@link io.segstream.schemas.AvroSerde}: how one type is encoded and why a record could not be read.</li>
 *   <li>{@link io.segstream.schemas.SchemaHistory}: the released versions each schema must stay readable with
 *       ({@code SchemaCompatibilityTest}).</li>
 * </ul>
 */
package io.segstream.schemas;
