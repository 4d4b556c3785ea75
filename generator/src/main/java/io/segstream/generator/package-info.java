/**
 * Synthetic shop traffic for demonstrating and measuring segmentation.
 *
 * <p>{@link io.segstream.generator.ShopSimulator} plays a population of users whose hidden
 * {@link io.segstream.generator.Persona personas} (mixed by a {@link io.segstream.generator.PersonaMix}) drive
 * what they do in a {@link io.segstream.generator.ShopCatalog}: first a history replayed in event-time order,
 * then live traffic at a target rate on the wall clock. {@link io.segstream.generator.ShopSimulator#truth()} is
 * the ground truth to score discovered segments against, and
 * {@link io.segstream.generator.ShopSimulator#drift} moves users between personas for drift experiments.
 * {@link io.segstream.generator.TrafficProducer} sends the events to Kafka.
 */
package io.segstream.generator;
