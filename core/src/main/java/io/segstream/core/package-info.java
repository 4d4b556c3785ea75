/**
 * segstream's model of customers and segments, free of Kafka so it can be tested and reused anywhere: features
 * ({@code features}), vector maths and online mini-batch k-means ({@code kmeans}), the segment model and its codec
 * ({@code model}), assignment with hysteresis ({@code assign}), plain-word names ({@code naming}) and explanations
 * ({@code explain}), offline fitting ({@code fit}), the configuration ({@code config}), the topic catalogue
 * ({@code topics}) and how a process runs its services ({@code service}).
 *
 * <p>The style gate ({@code checkstyle/import-control.xml}) keeps Kafka out of this module, except for two named
 * packages: {@code config} declares its keys with Kafka's {@code ConfigDef}, as Kafka Streams does, and
 * {@code topics} creates topics with the admin client for every service alike.
 */
package io.segstream.core;
