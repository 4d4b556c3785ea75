package io.segstream.ingest.send;

import io.segstream.avro.UserEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counts events instead of sending them: to check a file's mapping without a cluster. */
public final class DryRunSink implements EventSink {
  private final AtomicLong sent = new AtomicLong();

  @Override
  public void send(final UserEvent event) {
    sent.incrementAndGet();
  }

  @Override
  public void flush() {}

  @Override
  public SendStats stats() {
    final long n = sent.get();
    return new SendStats(n, n, 0, Optional.empty());
  }

  @Override
  public void close() {}
}
