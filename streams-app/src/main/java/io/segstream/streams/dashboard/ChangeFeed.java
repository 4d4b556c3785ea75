package io.segstream.streams.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.segstream.avro.SegmentChange;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code segments.changes} for the dashboard: a read_committed consumer (so aborted exactly-once
 * transactions never show) assigned every partition without a consumer group, so each instance sees every change
 * and the feed, the flows and users' histories are complete on whichever instance serves the page. It starts a
 * bounded backlog before the end of each partition, then follows live and pushes each batch to the page's
 * Server-Sent-Events clients.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  /** Changes read back per partition at start, so flows and the feed are not empty after a restart. */
  private static final long BACKLOG_PER_PARTITION = 5_000;
  /** Most changes pushed to the page per poll: during a replay thousands arrive at once and the page shows ~100. */
  private static final int MAX_PUSH_PER_BATCH = 50;
  private static final int RECENT = 200;
  private static final long HEARTBEAT_MS = 15_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Thread thread;
  private final ObjectMapper json = new ObjectMapper();
  private final Deque<ChangeView> recent = new ArrayDeque<>(RECENT);
  private final FlowWindow flows = new FlowWindow(24 * 60);
  private final UserChangeHistory histories = new UserChangeHistory(100_000, 20);
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private volatile long seen;
  private volatile long undecodable;

  private ChangeFeed(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-dashboard-changes");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = config.topics().changes();
    this.thread = new Thread(this::run, "segstream-dashboard-changes");
    this.thread.setDaemon(true);
  }

  public static ChangeFeed start(final SegstreamConfig config) {
    final ChangeFeed feed = new ChangeFeed(config);
    feed.thread.start();
    return feed;
  }

  private void run() {
    try {
      while (running) {
        try {
          follow();
        } catch (final WakeupException e) {
          throw e;
        } catch (final RuntimeException e) {
          // The page keeps its last picture; the feed starts over (with a backlog) once the broker answers again.
          LOG.warn("dashboard change feed interrupted ({}: {}); starting over in 5 s", e.getClass().getSimpleName(),
              e.getMessage());
          pause(5_000);
        }
      }
    } catch (final WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pause(final long ms) {
    final long until = System.currentTimeMillis() + ms;
    while (running && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(100);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void follow() {
    if (consumer.assignment().isEmpty() && !assign()) {
      return;
    }
    long lastPush = System.currentTimeMillis();
    while (running) {
      final ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
      final List<ChangeView> batch = new ArrayList<>(records.count());
      for (final ConsumerRecord<byte[], byte[]> r : records) {
        decode(r).ifPresent(batch::add);
      }
      if (!batch.isEmpty()) {
        remember(batch);
        push("changes", batch.subList(Math.max(0, batch.size() - MAX_PUSH_PER_BATCH), batch.size()));
        lastPush = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - lastPush > HEARTBEAT_MS) {
        clients.forEach(c -> c.sendComment("still here"));
        lastPush = System.currentTimeMillis();
      }
    }
  }

  /** Once: every partition, a bounded backlog before the end; after an error the consumer resumes where it was. */
  private boolean assign() {
    List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    while (running && (parts == null || parts.isEmpty())) {
      pause(1_000);
      parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    }
    if (parts == null || parts.isEmpty()) {
      return false;
    }
    final List<TopicPartition> tps = parts.stream().map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
    consumer.assign(tps);
    final Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
    consumer.endOffsets(tps).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - BACKLOG_PER_PARTITION)));
    LOG.info("dashboard change feed following '{}' ({} partitions, read_committed)", topic, tps.size());
    return true;
  }

  private Optional<ChangeView> decode(final ConsumerRecord<byte[], byte[]> r) {
    try {
      final SegmentChange c = AvroSerdes.SEGMENT_CHANGE.deserialize(r.topic(), r.value());
      return c == null ? Optional.empty() : Optional.of(ChangeView.of(c));
    } catch (final SerializationException e) {
      undecodable++;
      return Optional.empty();
    }
  }

  private synchronized void remember(final List<ChangeView> batch) {
    for (final ChangeView c : batch) {
      recent.addLast(c);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
      flows.add(c);
      histories.add(c);
    }
    seen += batch.size();
  }

  private void push(final String event, final List<ChangeView> batch) {
    if (clients.isEmpty()) {
      return;
    }
    final String body = toJson(batch);
    for (final SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        c.sendEvent(event, body);
      }
    }
  }

  private String toJson(final Object o) {
    try {
      return json.writeValueAsString(o);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for the change feed", e);
    }
  }

  /** Keeps the SSE connection open and sends it the latest changes, then every new batch. */
  public void subscribe(final SseClient client) {
    if (!running) {
      return; // shutting down: the page's EventSource retries against whichever instance answers next
    }
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    client.sendEvent("changes", toJson(recent(50)));
    clients.add(client);
  }

  /** The latest changes, oldest first. */
  public synchronized List<ChangeView> recent(final int limit) {
    final List<ChangeView> all = new ArrayList<>(recent);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  public List<Flow> flows(final long nowMs, final int minutes) {
    return flows.since(nowMs, minutes);
  }

  public Optional<List<ChangeView>> history(final String userId) {
    return histories.of(userId);
  }

  /** Changes read since start (backlog included), and records that were not SegmentChanges. */
  public long seen() {
    return seen;
  }

  public long undecodable() {
    return undecodable;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Not SseClient.close(): the HTTP server may be stopped already, and stopping it ends these connections anyway.
    clients.clear();
  }
}
