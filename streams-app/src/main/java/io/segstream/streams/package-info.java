/**
 * The streams app: the segmentation topology ({@code topology}, a plain function of configuration tested with
 * {@code TopologyTestDriver}), the write buffer of the stores written on every event ({@code state}), interactive
 * queries and the REST API ({@code rest}), the dashboard ({@code dashboard}) and the text stage ({@code text}).
 * {@link io.segstream.streams.StreamsApp} runs them as a service; {@link io.segstream.streams.StreamsLifecycle} is
 * what it and the text stage do alike with Kafka Streams.
 */
package io.segstream.streams;
