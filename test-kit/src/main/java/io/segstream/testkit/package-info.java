/**
 * What segstream's integration tests share, so each test says only what it tests: {@link
 * io.segstream.testkit.BrokerExtension} (a real broker per test class, topics from the catalogue), {@link
 * io.segstream.testkit.Clients} (producers, read_committed readers), {@link io.segstream.testkit.Wait} (waiting for
 * a condition) and {@link io.segstream.testkit.TestClock} (one hand-moved clock).
 */
package io.segstream.testkit;
