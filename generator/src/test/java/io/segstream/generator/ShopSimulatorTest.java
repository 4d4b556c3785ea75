package io.segstream.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.segstream.avro.EventType;
import io.segstream.avro.LineItem;
import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import io.segstream.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopSimulatorTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final long DAY = Duration.ofDays(1).toMillis();
  /** The statistics hold for any seed; {@code -Dsegstream.test.seed=N} checks another one. */
  private static final long SEED = Long.getLong("segstream.test.seed", 11);

  /** One 60-day history of 1,000 users shared by the read-only tests (~80k events, well under a second). */
  private static ShopSimulator sim;
  private static List<UserEvent> history;
  private static Map<String, UserActivity> activity;

  private static SimulatorConfig config(final int users, final int days) {
    return SimulatorConfig.defaults().withUsers(users).withHistoryDays(days).withNow(NOW).withSeed(SEED)
        .withClock(new TestClock(NOW));
  }

  @BeforeAll
  static void simulateHistory() {
    sim = new ShopSimulator(config(1_000, 60));
    history = new ArrayList<>();
    while (sim.historyRemaining()) {
      history.add(sim.next());
    }
    activity = UserActivity.tally(history);
  }

  private static List<UserActivity> of(final Persona persona) {
    return sim.truth().entrySet().stream().filter(e -> e.getValue() == persona)
        .map(e -> activity.getOrDefault(e.getKey(), new UserActivity().finish())).toList();
  }

  private static double mean(final Persona persona, final ToDoubleFunction<UserActivity> f) {
    return of(persona).stream().mapToDouble(f).average().orElseThrow();
  }

  /** Mean over the users of the persona that have done the thing at all (e.g. AOV over buyers). */
  private static double meanWhere(final Persona persona, final java.util.function.Predicate<UserActivity> who,
      final ToDoubleFunction<UserActivity> f) {
    return of(persona).stream().filter(who).mapToDouble(f).average().orElseThrow();
  }

  @Test
  void sameSeedGivesTheSameEventsAndAnotherSeedDoesNot() {
    final SimulatorConfig c = config(200, 20);
    final ShopSimulator a = new ShopSimulator(c);
    final ShopSimulator b = new ShopSimulator(c.withClock(new TestClock(NOW)));
    final ShopSimulator other = new ShopSimulator(c.withSeed(c.seed() + 1).withClock(new TestClock(NOW)));
    int differ = 0;
    // Far enough to cross into the live phase.
    for (int i = 0; i < 20_000; i++) {
      final UserEvent x = a.next();
      assertThat(b.next()).isEqualTo(x);
      if (!other.next().equals(x)) {
        differ++;
      }
    }
    assertThat(a.phase()).isEqualTo(SimulationPhase.LIVE);
    assertThat(a.truth()).isEqualTo(b.truth());
    assertThat(differ).isGreaterThan(19_000);
  }

  @Test
  void historyComesInGlobalTimeOrderWithinTheHistoryWindow() {
    final long start = NOW.minus(Duration.ofDays(60)).toEpochMilli();
    long previous = Long.MIN_VALUE;
    for (final UserEvent e : history) {
      final long t = e.getTimestamp().toEpochMilli();
      assertThat(t).isGreaterThanOrEqualTo(previous).isBetween(start, NOW.toEpochMilli());
      previous = t;
    }
    assertThat(history.size()).isBetween(50_000, 110_000);
    assertThat(sim.progress().historyEvents()).isEqualTo(history.size());
    assertThat(sim.progress().phase()).isEqualTo(SimulationPhase.HISTORY);
    assertThat(sim.progress().historyFraction()).isGreaterThan(0.99);
    assertThat(sim.nextHistoryEvent()).isEmpty();
    assertThat(activity).hasSize(1_000); // everyone shows up at least once
  }

  @Test
  void sessionsAreShortBurstsWellApartFromEachOther() {
    final Map<String, UserEvent> last = new HashMap<>();
    final Set<String> closedSessions = new HashSet<>();
    long maxGapInSession = 0;
    long minGapBetweenSessions = Long.MAX_VALUE;
    for (final UserEvent e : history) {
      final UserEvent prev = last.put(e.getUserId(), e);
      if (prev == null) {
        continue;
      }
      final long gap = e.getTimestamp().toEpochMilli() - prev.getTimestamp().toEpochMilli();
      if (prev.getSessionId().equals(e.getSessionId())) {
        maxGapInSession = Math.max(maxGapInSession, gap);
      } else {
        // a user's session never resumes once another one started
        assertThat(closedSessions.add(prev.getSessionId())).isTrue();
        assertThat(closedSessions).doesNotContain(e.getSessionId());
        minGapBetweenSessions = Math.min(minGapBetweenSessions, gap);
      }
    }
    // the longest pause: a long look at the last product, then checkout
    assertThat(maxGapInSession).isBetween(Duration.ofSeconds(30).toMillis(), Duration.ofMinutes(12).toMillis());
    assertThat(minGapBetweenSessions).isGreaterThanOrEqualTo(Duration.ofMinutes(45).toMillis());
  }

  @Test
  void eventsAreWellFormedAndSerialise() {
    final Set<String> eventIds = new HashSet<>();
    final Map<String, Map<String, Set<String>>> ordersByUser = new HashMap<>(); // user -> order -> products
    final Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
    for (final UserEvent e : history) {
      byType.merge(e.getType(), 1, Integer::sum);
      assertThat(e.getUserId()).matches("u\\d{6}");
      assertThat(e.getSessionId()).startsWith(e.getUserId() + "-s");
      assertThat(eventIds.add(e.getEventId())).isTrue();
      switch (e.getType()) {
        case PAGE_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> {
          assertThat(e.getProduct()).isNotNull();
          assertThat(e.getItems()).isEmpty();
          assertThat(e.getReview()).isNull();
        }
        case REVIEW -> {
          assertThat(e.getProduct()).isNotNull();
          assertThat(e.getReview().getRating()).isBetween(1, 5);
          assertThat(e.getReview().getText()).isNotBlank();
        }
        case PURCHASE -> {
          assertThat(e.getItems()).isNotEmpty();
          assertThat(e.getOrderId()).isNotBlank();
          for (final LineItem li : e.getItems()) {
            assertThat(li.getQuantity()).isPositive();
            assertThat(li.getDiscount()).isBetween(0.0, 0.6);
            assertThat(li.getProduct().getPrice()).isPositive();
          }
          ordersByUser.computeIfAbsent(e.getUserId(), k -> new HashMap<>()).put(e.getOrderId(),
              new HashSet<>(e.getItems().stream().map(li -> li.getProduct().getProductId()).toList()));
        }
        case RETURN -> {
          // a return names an earlier order of the same user and a product that was in it
          assertThat(e.getItems()).hasSize(1);
          final Set<String> order = ordersByUser.getOrDefault(e.getUserId(), Map.of()).get(e.getOrderId());
          assertThat(order).isNotNull().contains(e.getItems().getFirst().getProduct().getProductId());
        }
        default -> throw new AssertionError("unexpected type " + e.getType());
      }
    }
    assertThat(byType.keySet()).containsExactlyInAnyOrder(EventType.PAGE_VIEW, EventType.ADD_TO_CART,
        EventType.REMOVE_FROM_CART, EventType.PURCHASE, EventType.RETURN, EventType.REVIEW);
    for (final UserEvent e : history.subList(0, 5_000)) {
      assertThat(AvroSerdes.USER_EVENT.deserialize("t", AvroSerdes.USER_EVENT.serialize("t", e))).isEqualTo(e);
    }
  }

  @Test
  void personasBehaveAsDesigned() {
    final Persona loyal = Persona.LOYAL_BIG_SPENDER;
    final Persona bargain = Persona.BARGAIN_HUNTER;
    final Persona window = Persona.WINDOW_SHOPPER;
    final Persona lapsing = Persona.LAPSING_BUYER;

    // conversion: orders per visit
    assertThat(mean(loyal, UserActivity::conversion)).isGreaterThan(0.6);
    assertThat(mean(bargain, UserActivity::conversion)).isBetween(0.25, 0.55);
    assertThat(mean(window, UserActivity::conversion)).isLessThan(0.03);
    // order value and discounts
    final double loyalAov = meanWhere(loyal, a -> a.purchases > 0, UserActivity::averageOrderValue);
    final double bargainAov = meanWhere(bargain, a -> a.purchases > 0, UserActivity::averageOrderValue);
    assertThat(loyalAov).isBetween(120.0, 210.0);
    assertThat(bargainAov).isBetween(15.0, 40.0);
    assertThat(meanWhere(bargain, a -> a.purchases > 0, UserActivity::discountShare)).isGreaterThan(0.7);
    assertThat(meanWhere(loyal, a -> a.purchases > 0, UserActivity::discountShare)).isLessThan(0.12);
    // browsing and carts
    assertThat(mean(window, UserActivity::viewsPerSession)).isGreaterThan(2 * mean(loyal, UserActivity::viewsPerSession));
    assertThat(meanWhere(window, a -> a.cartSessions > 0, UserActivity::abandonment)).isGreaterThan(0.85);
    assertThat(meanWhere(loyal, a -> a.cartSessions > 0, UserActivity::abandonment)).isLessThan(0.15);
    final ToDoubleFunction<UserActivity> removesPerSession = a -> a.cartRemoves / (double) Math.max(1, a.sessions);
    for (final Persona p : List.of(loyal, window, Persona.NEW_USER, lapsing)) {
      assertThat(mean(bargain, removesPerSession)).as("removes vs " + p).isGreaterThan(3 * mean(p, removesPerSession));
    }
    // reviews: the happy, the price-minded and the disgruntled
    final ToDoubleFunction<UserActivity> rating = a -> a.ratingSum / (double) a.reviews;
    assertThat(meanWhere(loyal, a -> a.reviews > 0, rating)).isGreaterThan(4.0);
    assertThat(meanWhere(lapsing, a -> a.reviews > 0, rating)).isLessThan(2.5);
    assertThat(mean(loyal, a -> a.reviews)).isGreaterThan(2);
    assertThat(mean(window, a -> a.reviews)).isLessThan(0.2);
    assertThat(priceTalkShare(bargain)).isGreaterThan(0.5);
    assertThat(priceTalkShare(loyal)).isLessThan(0.3);
    // returns
    assertThat(mean(bargain, a -> a.returns)).isGreaterThan(2 * mean(loyal, a -> a.returns));
    assertThat(mean(lapsing, a -> a.returns)).isGreaterThan(mean(loyal, a -> a.returns));
    // visits: loyal every 2-4 days, window shoppers and bargain hunters often, lapsing rarely
    assertThat(mean(loyal, a -> a.sessions)).isBetween(15.0, 30.0);
    assertThat(mean(bargain, a -> a.sessions)).isGreaterThan(mean(loyal, a -> a.sessions));
    assertThat(mean(lapsing, a -> a.sessions)).isLessThan(mean(loyal, a -> a.sessions) / 2);
  }

  private static double priceTalkShare(final Persona persona) {
    final Set<String> users = new HashSet<>();
    sim.truth().forEach((u, p) -> {
      if (p == persona) {
        users.add(u);
      }
    });
    final List<String> texts = history.stream().filter(e -> e.getType() == EventType.REVIEW)
        .filter(e -> users.contains(e.getUserId())).map(e -> e.getReview().getText().toLowerCase(Locale.ROOT)).toList();
    return texts.stream().filter(t -> t.matches(".*(price|value|expensive|bargain|cheap|sale|discount|worth|money|paid).*"))
        .count() / (double) texts.size();
  }

  @Test
  void newUsersFirstAppearInTheLastWeekAndBuyAtMostOnce() {
    final long weekAgo = NOW.minus(Duration.ofDays(7)).toEpochMilli();
    assertThat(of(Persona.NEW_USER)).allSatisfy(a -> {
      assertThat(a.firstEvent).isGreaterThanOrEqualTo(weekAgo);
      assertThat(a.purchases).isLessThanOrEqualTo(1);
      assertThat(a.sessions).isBetween(1L, 12L);
    });
    assertThat(mean(Persona.NEW_USER, a -> a.sessions)).isBetween(1.5, 4.0);
    assertThat(of(Persona.NEW_USER).stream().filter(a -> a.purchases == 1).count())
        .isBetween(of(Persona.NEW_USER).size() / 10L, of(Persona.NEW_USER).size() * 7L / 10);
    // and the established ones were there long before
    for (final Persona p : List.of(Persona.LOYAL_BIG_SPENDER, Persona.BARGAIN_HUNTER, Persona.WINDOW_SHOPPER)) {
      assertThat(of(p)).allSatisfy(a -> assertThat(a.firstEvent).isLessThan(weekAgo));
    }
  }

  @Test
  void lapsingBuyersBoughtEarlierButNotInTheLast45Days() {
    final long cutoff = NOW.minus(Duration.ofDays(45)).toEpochMilli();
    final List<UserActivity> lapsing = of(Persona.LAPSING_BUYER);
    assertThat(lapsing).allSatisfy(a -> assertThat(a.lastPurchase).isLessThan(cutoff));
    assertThat(lapsing.stream().filter(a -> a.purchases > 0).count()).isGreaterThan(lapsing.size() * 8L / 10);
    // they still drop by now and then
    assertThat(lapsing.stream().filter(a -> a.lastEvent >= cutoff).count()).isGreaterThan(lapsing.size() / 2L);
    // everyone else who buys bought recently
    assertThat(meanWhere(Persona.LOYAL_BIG_SPENDER, a -> a.purchases > 0,
        a -> (NOW.toEpochMilli() - a.lastPurchase) / (double) DAY)).isLessThan(6);
  }

  @Test
  void personasAreSeparableByBehaviourFeatures() {
    final List<String> ids = new ArrayList<>(sim.truth().keySet());
    final double[][] x = new double[ids.size()][];
    final int[] truth = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      x[i] = features(activity.get(ids.get(i)));
      truth[i] = sim.truth().get(ids.get(i)).ordinal();
    }
    Clustering.standardise(x);
    // nearest persona centroid (an upper bound on what clustering can do with these features)
    final double[][] centres = new double[Persona.values().length][x[0].length];
    final int[] n = new int[centres.length];
    for (int i = 0; i < x.length; i++) {
      n[truth[i]]++;
      for (int j = 0; j < x[i].length; j++) {
        centres[truth[i]][j] += x[i][j];
      }
    }
    for (int c = 0; c < centres.length; c++) {
      for (int j = 0; j < centres[c].length; j++) {
        centres[c][j] /= n[c];
      }
    }
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      int best = 0;
      for (int c = 1; c < centres.length; c++) {
        if (Clustering.dist2(x[i], centres[c]) < Clustering.dist2(x[i], centres[best])) {
          best = c;
        }
      }
      correct += best == truth[i] ? 1 : 0;
    }
    assertThat(correct / (double) x.length).isGreaterThan(0.93);
    // and plain k-means, not told anything, finds them
    final double ari = Clustering.adjustedRand(truth, Clustering.kMeans(x, 5, 3));
    System.out.printf(Locale.ROOT, "nearest-centroid accuracy %.3f, k-means ARI %.3f%n", correct / (double) x.length, ari);
    assertThat(ari).isGreaterThan(0.6);
  }

  /** Roughly the feature set the streaming system computes, transformed the way it does (logs for counts). */
  static double[] features(final UserActivity a) {
    final long end = NOW.toEpochMilli();
    return new double[] {
        Math.log1p(a.sessions),
        Math.log1p(a.viewsPerSession()),
        a.conversion(),
        Math.log1p(a.averageOrderValue()),
        a.discountShare(),
        a.abandonment(),
        Math.log1p(a.cartAdds / (double) Math.max(1, a.sessions)),
        Math.log1p(a.cartRemoves / (double) Math.max(1, a.sessions)),
        Math.log1p(a.reviews),
        a.reviews == 0 ? 0 : a.ratingSum / (double) a.reviews - 3,
        Math.log1p(a.returns),
        Math.log1p((end - a.lastEvent) / (double) DAY),
        Math.log1p(a.purchases == 0 ? 90 : Math.min(90, (end - a.lastPurchase) / (double) DAY)),
        Math.log1p((end - a.firstEvent) / (double) DAY),
    };
  }

  @Test
  void truthCsvListsEveryUserWithTheirPersona(@TempDir final Path dir) throws Exception {
    final Path csv = dir.resolve("truth.csv");
    sim.writeTruth(csv);
    final List<String> lines = Files.readAllLines(csv);
    assertThat(lines.getFirst()).isEqualTo("userId,persona,previousPersona,switchedAt");
    assertThat(lines).hasSize(1_001);
    final Map<Persona, Integer> counts = new EnumMap<>(Persona.class);
    for (final String line : lines.subList(1, lines.size())) {
      final String[] f = line.split(",", -1);
      assertThat(f).hasSize(4);
      assertThat(Persona.valueOf(f[1])).isEqualTo(sim.truth().get(f[0]));
      assertThat(f[2]).isEmpty();
      counts.merge(Persona.valueOf(f[1]), 1, Integer::sum);
    }
    assertThat(counts).isEqualTo(PersonaMix.defaults().counts(1_000));
  }

  @Test
  void livePhaseHoldsTheTargetRateOnTheWallClock() {
    final TestClock clock = new TestClock(NOW.plus(Duration.ofMinutes(30)));
    final ShopSimulator live = new ShopSimulator(config(500, 10).withClock(clock).withLiveEventsPerSecond(200));
    while (live.nextHistoryEvent().isPresent()) {
      assertThat(live.phase()).isEqualTo(SimulationPhase.HISTORY);
    }
    final List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      events.add(live.next());
    }
    assertThat(live.phase()).isEqualTo(SimulationPhase.LIVE);
    long previous = clock.millis();
    for (final UserEvent e : events) {
      assertThat(e.getTimestamp().toEpochMilli()).isGreaterThanOrEqualTo(previous);
      previous = e.getTimestamp().toEpochMilli();
    }
    // After a short settling period the rate is on target; overall it is close from the start.
    final double settled = rate(events.subList(5_000, events.size()));
    assertThat(settled).isCloseTo(200, within(12.0));
    assertThat(rate(events)).isCloseTo(200, within(30.0));
    assertThat(live.progress().speed()).isGreaterThan(1_000);

    // the personas keep their character when sped up
    final Map<String, UserActivity> a = UserActivity.tally(events);
    final Map<Persona, List<UserActivity>> byPersona = new EnumMap<>(Persona.class);
    live.truth().forEach((u, p) -> byPersona.computeIfAbsent(p, k -> new ArrayList<>())
        .add(a.getOrDefault(u, new UserActivity().finish())));
    final ToDoubleFunction<Persona> conversion = p -> byPersona.get(p).stream()
        .filter(x -> x.sessions > 0).mapToDouble(UserActivity::conversion).average().orElseThrow();
    assertThat(conversion.applyAsDouble(Persona.LOYAL_BIG_SPENDER)).isGreaterThan(0.6);
    assertThat(conversion.applyAsDouble(Persona.WINDOW_SHOPPER)).isLessThan(0.03);
    assertThat(byPersona.get(Persona.LAPSING_BUYER).stream().mapToLong(x -> x.purchases).sum()).isZero();
  }

  private static double rate(final List<UserEvent> events) {
    final long span = events.getLast().getTimestamp().toEpochMilli() - events.getFirst().getTimestamp().toEpochMilli();
    return (events.size() - 1) * 1000.0 / span;
  }

  @Test
  void liveScheduleSkipsAheadInsteadOfBurstingWhenTheConsumerFallsBehind() {
    final TestClock clock = new TestClock(NOW);
    final ShopSimulator live = new ShopSimulator(config(200, 2).withClock(clock).withLiveEventsPerSecond(50));
    while (live.nextHistoryEvent().isPresent()) {
      // drain
    }
    final long firstLive = live.next().getTimestamp().toEpochMilli();
    assertThat(firstLive).isGreaterThanOrEqualTo(NOW.toEpochMilli());
    clock.advance(Duration.ofHours(1)); // the consumer was away for an hour
    final long afterStall = live.next().getTimestamp().toEpochMilli();
    assertThat(afterStall).isBetween(clock.millis() - 2_000, clock.millis() + 1_000);
  }

  @Test
  void driftMakesSwitchedBargainHuntersBuyPremiumFromThenOn(@TempDir final Path dir) throws Exception {
    final ShopSimulator drifting = new ShopSimulator(config(600, 40)
        .withMix(PersonaMix.parse("BARGAIN_HUNTER=1")));
    final List<UserEvent> before = new ArrayList<>();
    final long switchAt = NOW.minus(Duration.ofDays(20)).toEpochMilli();
    while (drifting.progress().simulatedTime().toEpochMilli() < switchAt) {
      before.add(drifting.next());
    }
    final List<PersonaSwitch> switched = drifting.drift(Persona.BARGAIN_HUNTER, Persona.LOYAL_BIG_SPENDER, 0.5);
    assertThat(switched).hasSize(300);
    assertThat(switched).allSatisfy(s -> {
      assertThat(s.from()).isEqualTo(Persona.BARGAIN_HUNTER);
      assertThat(s.to()).isEqualTo(Persona.LOYAL_BIG_SPENDER);
      assertThat(s.at().toEpochMilli()).isBetween(switchAt, switchAt + DAY);
    });
    assertThat(drifting.truth().values().stream().filter(p -> p == Persona.LOYAL_BIG_SPENDER)).hasSize(300);
    assertThat(drifting.switches()).isEqualTo(switched);
    final List<UserEvent> after = new ArrayList<>();
    while (drifting.historyRemaining()) {
      after.add(drifting.next());
    }

    final Set<String> movers = new HashSet<>(switched.stream().map(PersonaSwitch::userId).toList());
    final double[] moversBefore = orderStats(before, movers, true);
    final double[] moversAfter = orderStats(after, movers, true);
    final double[] stayersAfter = orderStats(after, movers, false);
    assertThat(moversBefore[0]).isLessThan(40);
    assertThat(moversBefore[1]).isGreaterThan(0.7);
    assertThat(moversAfter[0]).isGreaterThan(100);
    assertThat(moversAfter[1]).isLessThan(0.2);
    assertThat(stayersAfter[0]).isLessThan(40);
    assertThat(stayersAfter[1]).isGreaterThan(0.7);

    final Path csv = dir.resolve("truth.csv");
    drifting.writeTruth(csv);
    final List<String[]> rows = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
    final List<String[]> moved = rows.stream().filter(f -> !f[2].isEmpty()).toList();
    assertThat(moved).hasSize(300).allSatisfy(f -> {
      assertThat(movers).contains(f[0]);
      assertThat(f[1]).isEqualTo("LOYAL_BIG_SPENDER");
      assertThat(f[2]).isEqualTo("BARGAIN_HUNTER");
      assertThat(Instant.parse(f[3])).isEqualTo(switched.getFirst().at());
    });
  }

  /** {average order value, share of discounted lines} over the orders of the chosen users. */
  private static double[] orderStats(final List<UserEvent> events, final Set<String> users, final boolean inside) {
    double revenue = 0;
    long orders = 0;
    long lines = 0;
    long discounted = 0;
    for (final UserEvent e : events) {
      if (e.getType() != EventType.PURCHASE || users.contains(e.getUserId()) != inside) {
        continue;
      }
      orders++;
      for (final LineItem li : e.getItems()) {
        lines++;
        discounted += li.getDiscount() > 0 ? 1 : 0;
        revenue += li.getProduct().getPrice() * li.getQuantity() * (1 - li.getDiscount());
      }
    }
    return new double[] {revenue / orders, discounted / (double) lines};
  }
}
