/**
 * The model updater: trains the online segment model from the feature-vector stream and publishes
 * versioned models to the compacted model topic.
 *
 * <ul>
 *   <li>{@link io.segstream.updater.ModelUpdater}: the service: lifecycle, the standby/active loop, retries.</li>
 *   <li>{@link io.segstream.updater.LockElection}: which updater is active (partition 0 of the model topic).</li>
 *   <li>{@link io.segstream.updater.ActiveTraining}: the active role, from taking over to stepping down.</li>
 *   <li>{@link io.segstream.updater.TrainingStream}: the vectors consumer: partitions, committed positions, lag;
 *       {@link io.segstream.updater.VectorIntake}: what each training record means to the trainer.</li>
 *   <li>{@link io.segstream.updater.ModelPublisher}: model + consumed offsets in one Kafka transaction;
 *       {@link io.segstream.updater.ModelTopicReader}: the latest published model, to resume from.</li>
 *   <li>{@link io.segstream.updater.ModelTrainer}: training itself, no Kafka: with
 *       {@link io.segstream.updater.BootstrapSample} (a generation's first fit),
 *       {@link io.segstream.updater.PublicationTracker} (the last publication and centre movement against it),
 *       {@link io.segstream.updater.PopulationSample} (population refits) and
 *       {@link io.segstream.updater.ModelParameters}.</li>
 *   <li>{@link io.segstream.updater.RetryBackoff}, {@link io.segstream.updater.KafkaFailures},
 *       {@link io.segstream.updater.RejectionLog}, {@link io.segstream.updater.UpdaterMetrics}: waits between
 *       retries, what a client failure means, rate-limited rejection lines, Micrometer meters.</li>
 * </ul>
 */
package io.segstream.updater;
