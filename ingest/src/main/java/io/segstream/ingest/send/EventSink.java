package io.segstream.ingest.send;

import io.segstream.avro.UserEvent;

/** Where an importer's events go: a Kafka topic, or nowhere (a dry run that only counts). */
public interface EventSink extends AutoCloseable {
  void send(UserEvent event);

  /** Blocks until everything sent so far is acknowledged or failed. */
  void flush();

  SendStats stats();

  /** Flushes and releases the connection. */
  @Override
  void close();
}
