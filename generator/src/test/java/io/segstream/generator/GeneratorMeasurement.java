package io.segstream.generator;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: prints event volumes, generation speed and per-persona behaviour for a history run.
 * Run with the test classpath: {@code java -cp ... io.segstream.generator.GeneratorMeasurement [users] [days]}.
 */
public final class GeneratorMeasurement {
  public static void main(final String[] args) {
    final int users = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    final int days = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    final SimulatorConfig config = SimulatorConfig.defaults().withUsers(users).withHistoryDays(days).withSeed(seed)
        .withNow(Instant.parse("2025-06-01T00:00:00Z"));

    // Warm-up so the timed run measures the generator, not the JIT.
    drain(new ShopSimulator(config.withSeed(7)));
    long n = 0;
    for (int run = 0; run < 5; run++) {
      final long t0 = System.nanoTime();
      n = drain(new ShopSimulator(config));
      final double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "users=%d days=%d events=%d per-user=%.1f time=%.2fs rate=%.0f events/s%n",
          users, days, n, n / (double) users, secs, n / secs);
    }

    for (int run = 0; run < 3; run++) {
      final ShopSimulator serialising = new ShopSimulator(config);
      long bytes = 0;
      final long t1 = System.nanoTime();
      while (serialising.historyRemaining()) {
        bytes += io.segstream.schemas.AvroSerdes.USER_EVENT.serialize("t", serialising.next()).length;
      }
      final double secs1 = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "with Avro serialisation: %.2fs rate=%.0f events/s, %.0f bytes/event%n",
          secs1, n / secs1, bytes / (double) n);
    }

    final ShopSimulator sim = new ShopSimulator(config);
    final List<UserEvent> events = new ArrayList<>();
    final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    while (sim.historyRemaining()) {
      final UserEvent e = sim.next();
      events.add(e);
      byType.merge(e.getType(), 1L, Long::sum);
    }
    System.out.println("by type: " + byType);
    final Map<String, UserActivity> activity = UserActivity.tally(events);
    final long end = config.now().toEpochMilli();
    System.out.println("persona            users ev/user sess  views/s conv   AOV    disc  abandon adds  rem  "
        + "revs  rating returns recencyD lastBuyD");
    for (final Persona p : Persona.values()) {
      final List<UserActivity> group = sim.truth().entrySet().stream().filter(e -> e.getValue() == p)
          .map(e -> activity.getOrDefault(e.getKey(), new UserActivity().finish())).toList();
      final double[] m = new double[13];
      int buyers = 0;
      int reviewers = 0;
      int carters = 0;
      for (final UserActivity a : group) {
        m[0] += a.events;
        m[1] += a.sessions;
        m[2] += a.viewsPerSession();
        m[3] += a.conversion();
        if (a.purchases > 0) {
          m[4] += a.averageOrderValue();
          m[5] += a.discountShare();
          m[12] += (end - a.lastPurchase) / 86_400_000.0;
          buyers++;
        }
        if (a.cartSessions > 0) {
          m[6] += a.abandonment();
          carters++;
        }
        m[7] += a.cartAdds;
        m[8] += a.cartRemoves;
        m[9] += a.reviews;
        if (a.reviews > 0) {
          m[10] += a.ratingSum / (double) a.reviews;
          reviewers++;
        }
        m[11] += a.returns;
      }
      final double recency = group.stream().filter(a -> a.events > 0)
          .mapToDouble(a -> (end - a.lastEvent) / 86_400_000.0).average().orElse(Double.NaN);
      final int g = group.size();
      System.out.printf(Locale.ROOT,
          "%-18s %5d %6.1f %5.1f %6.1f %5.2f %6.1f %5.2f %5.2f %6.1f %5.1f %5.2f %5.2f %5.2f %7.1f %7.1f  buyers=%d%n",
          p, g, m[0] / g, m[1] / g, m[2] / g, m[3] / g, m[4] / Math.max(1, buyers), m[5] / Math.max(1, buyers),
          m[6] / Math.max(1, carters), m[7] / g, m[8] / g, m[9] / g, m[10] / Math.max(1, reviewers), m[11] / g,
          recency, m[12] / Math.max(1, buyers), buyers);
    }
  }

  private static long drain(final ShopSimulator sim) {
    long n = 0;
    while (sim.nextHistoryEvent().isPresent()) {
      n++;
    }
    return n;
  }
}
