/**
 * The model updater: trains the online segment model from the feature-vector stream and publishes
 * versioned models to the compacted model topic.
 *
 * <ul>
 *   <li>{@link io.segstream.updater.ModelTrainer}: bootstrap (scaler + k-means++), mini-batch updates,
 *       publication policy, resume and generations; no Kafka.</li>
 *   <li>{@link io.segstream.updater.ModelPublisher}: model + consumed offsets in one Kafka transaction.</li>
 *   <li>{@link io.segstream.updater.ModelUpdater}: the service (lock, consumption, retries, standby).</li>
 *   <li>{@link io.segstream.updater.UpdaterMetrics}: Micrometer meters.</li>
 * </ul>
 */
package io.segstream.updater;
