/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in-process, for the demo, for
 * {@code segstream broker} and for integration tests, which never mock Kafka.
 * {@link io.segstream.embedded.EmbeddedKafka} starts it on a data directory that survives restarts (and
 * {@code kill -9}), optionally with a SASL_SSL listener (SCRAM over TLS, {@link io.segstream.embedded.SaslSslListener}).
 */
package io.segstream.embedded;
