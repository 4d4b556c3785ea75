package io.segstream.generator;

import io.segstream.avro.UserEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Shop traffic from a population of users with hidden personas, as an endless stream of {@link UserEvent}s.
 *
 * <p>First the <b>history</b>: the last {@code historyDays} up to {@code now}, in global event-time order across
 * all users, as fast as the caller pulls. Then <b>live</b>: the simulation continues, sped up by a common factor
 * so the aggregate rate meets the target, with events stamped on the wall clock (see {@link LiveTimeline}).
 * Callers pace themselves by the timestamps (a live event is due when the clock reaches it).
 *
 * <p>Users wait in a priority queue ordered by the time of their next event; each visit is written as a whole
 * when it starts and handed out one event at a time, so memory stays one session per user however long the
 * history. Everything is a function of the config (seed included). Not thread-safe.
 */
public final class ShopSimulator implements Iterator<UserEvent> {
  /** The stretch at the end of history whose event rate seeds the live speed estimate. */
  private static final long RATE_SAMPLE = 2 * Durations.DAY;
  private static final Comparator<SimUser> NEXT_EVENT_FIRST =
      Comparator.<SimUser>comparingLong(u -> u.nextAt).thenComparingInt(u -> u.index);

  private final SimulatorConfig config;
  private final ShopCatalog catalog;
  private final SessionWriter writer;
  private final Lifecycle lifecycle;
  private final List<SimUser> users;
  private final PriorityQueue<SimUser> queue;
  private final long historyStart;
  private final long historyEnd;
  private final List<PersonaSwitch> switches = new ArrayList<>();

  private SimulationPhase phase = SimulationPhase.HISTORY;
  private Optional<LiveTimeline> live = Optional.empty();
  private long emitted;
  private long historyEvents;
  private long rateSampleEvents;
  private long simTime;
  private long lastEventTime;
  private int drifts;

  public ShopSimulator(final SimulatorConfig config) {
    this.config = config;
    this.historyEnd = config.now().toEpochMilli();
    this.historyStart = config.historyStart().toEpochMilli();
    this.catalog = ShopCatalog.generate(config.seed(), config.catalogSize());
    this.writer = new SessionWriter(catalog, config.seed());
    this.lifecycle = new Lifecycle(historyStart, historyEnd);
    this.users = new ArrayList<>(config.users());
    this.queue = new PriorityQueue<>(Math.max(1, config.users()), NEXT_EVENT_FIRST);
    this.simTime = historyStart;
    this.lastEventTime = historyStart;

    final List<Persona> personas = assignPersonas(config);
    final int digits = Math.max(6, Integer.toString(config.users()).length());
    for (int i = 0; i < config.users(); i++) {
      final SimUser user = new SimUser(i, "u" + zeroPad(i + 1, digits), Seeds.forUser(config.seed(), i));
      user.nextAt = lifecycle.plan(user, personas.get(i));
      givePastPurchases(user);
      users.add(user);
      queue.add(user);
    }
  }

  /** Exact counts per persona, shuffled over user numbers so ids say nothing about personas. */
  private static List<Persona> assignPersonas(final SimulatorConfig config) {
    final List<Persona> personas = new ArrayList<>(config.users());
    config.mix().counts(config.users()).forEach((p, n) -> personas.addAll(Collections.nCopies(n, p)));
    Collections.shuffle(personas, Seeds.forPurpose(config.seed(), 1));
    return personas;
  }

  /** Established buyers already own a few things, so reviews can appear from the first day of history. */
  private void givePastPurchases(final SimUser user) {
    final UserTraits traits = user.firstPhase().traits();
    if (traits.buyProbability() < 0.2 || user.firstPhase().start() >= historyStart) {
      return;
    }
    final int n = user.rng.nextInt(4);
    final long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = historyStart - (long) ((30 + 60 * user.rng.nextDouble()) * Durations.DAY);
    }
    Arrays.sort(times);
    for (final long t : times) {
      user.own(writer.pastPurchase(user, traits, t));
    }
  }

  private static String zeroPad(final int n, final int digits) {
    final String s = Integer.toString(n);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  /** Always true: after the history the simulation goes on live for as long as it is asked. */
  @Override
  public boolean hasNext() {
    return true;
  }

  /** The next event in time order: history events first, then live ones stamped on the wall clock. */
  @Override
  public UserEvent next() {
    final SimUser user = queue.poll();
    final long time = user.nextAt;
    if (!user.inSession()) {
      writer.write(user, time);
    }
    final UserEvent event = user.takeEvent();
    user.nextAt = user.inSession() ? user.peekTime() : lifecycle.nextSession(user, time);
    queue.add(user);

    simTime = time;
    if (phase == SimulationPhase.HISTORY && time > historyEnd) {
      goLive();
    }
    if (phase == SimulationPhase.HISTORY) {
      historyEvents++;
      if (time > historyEnd - RATE_SAMPLE) {
        rateSampleEvents++;
      }
    } else {
      event.setTimestamp(Instant.ofEpochMilli(live.orElseThrow().wallTime(time)));
    }
    emitted++;
    lastEventTime = event.getTimestamp().toEpochMilli();
    return event;
  }

  /** The next history event, or empty once history is exhausted (never enters the live phase). */
  public Optional<UserEvent> nextHistoryEvent() {
    return historyRemaining() ? Optional.of(next()) : Optional.empty();
  }

  /** Whether {@link #next()} would still return a history event. */
  public boolean historyRemaining() {
    return phase == SimulationPhase.HISTORY && queue.peek().nextAt <= historyEnd;
  }

  private void goLive() {
    final long sample = Math.min(RATE_SAMPLE, historyEnd - historyStart);
    final double natural = rateSampleEvents >= 100 && sample > 0
        ? rateSampleEvents / (double) sample
        : roughNaturalRate();
    final long startWall = Math.max(config.clock().millis(), historyEnd);
    live = Optional.of(new LiveTimeline(config.clock(), config.liveEventsPerSecond(), config.maxLiveLag(), historyEnd,
        startWall, natural));
    phase = SimulationPhase.LIVE;
  }

  /** Without history to measure, assume ~6 events a visit; the live timeline corrects it within seconds. */
  private double roughNaturalRate() {
    double perMs = 0;
    for (final SimUser u : users) {
      perMs += 6.0 / (u.phaseAt(historyEnd).traits().sessionGapDays() * Durations.DAY);
    }
    return perMs;
  }

  /** The phase of the last event handed out (HISTORY before the first). */
  public SimulationPhase phase() {
    return phase;
  }

  public SimulationProgress progress() {
    final double span = Math.max(1, historyEnd - historyStart);
    final double fraction = phase == SimulationPhase.LIVE ? 1.0
        : Math.clamp((simTime - historyStart) / span, 0.0, 1.0);
    return new SimulationProgress(phase, emitted, historyEvents, Instant.ofEpochMilli(simTime),
        Instant.ofEpochMilli(lastEventTime), fraction, live.map(LiveTimeline::speed).orElse(0.0));
  }

  /** Every user's current persona, in user order. */
  public Map<String, Persona> truth() {
    final Map<String, Persona> truth = new LinkedHashMap<>(users.size() * 2);
    for (final SimUser u : users) {
      truth.put(u.id, u.label());
    }
    return Collections.unmodifiableMap(truth);
  }

  /** All persona switches so far, oldest first. */
  public List<PersonaSwitch> switches() {
    return List.copyOf(switches);
  }

  /**
   * Writes {@code userId,persona,previousPersona,switchedAt}: the current persona, and for users moved by
   * {@link #drift} the persona before their latest switch and its time (ISO-8601); empty otherwise.
   */
  public void writeTruth(final Path csv) throws IOException {
    final Map<String, PersonaSwitch> latest = new HashMap<>();
    for (final PersonaSwitch s : switches) {
      latest.put(s.userId(), s);
    }
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("userId,persona,previousPersona,switchedAt\n");
      for (final SimUser u : users) {
        final PersonaSwitch s = latest.get(u.id);
        out.write(u.id + ',' + u.label() + ','
            + (s == null ? "," : s.from() + "," + s.at()) + '\n');
      }
    }
  }

  /**
   * From now on, a {@code fraction} of the users currently labelled {@code from} behave as {@code to} (with
   * personal traits freshly drawn from {@code to}); their truth changes now, their behaviour from their next
   * visit. Which users is deterministic for the seed and the sequence of calls.
   *
   * @return the switches made, stamped with the time of the last event handed out
   */
  public List<PersonaSwitch> drift(final Persona from, final Persona to, final double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within [0, 1], got " + fraction);
    }
    if (from == to) {
      return List.of();
    }
    final List<SimUser> candidates = new ArrayList<>();
    for (final SimUser u : users) {
      if (u.label() == from) {
        candidates.add(u);
      }
    }
    final SplittableRandom rng = Seeds.forPurpose(config.seed(), 1000 + drifts++);
    Collections.shuffle(candidates, rng);
    final int n = (int) Math.round(fraction * candidates.size());
    final Instant at = Instant.ofEpochMilli(lastEventTime);
    final List<PersonaSwitch> made = new ArrayList<>(n);
    for (final SimUser u : candidates.subList(0, n)) {
      u.truncatePhasesAfter(simTime);
      // A user who has not arrived yet switches on arrival.
      final long start = Math.max(simTime, u.phaseAt(Long.MAX_VALUE).start());
      u.addPhase(new BehaviourPhase(start, to, UserTraits.sample(to.behaviour(), u.rng)));
      made.add(new PersonaSwitch(u.id, from, to, at));
    }
    made.sort(Comparator.comparing(PersonaSwitch::userId));
    switches.addAll(made);
    return List.copyOf(made);
  }

  public ShopCatalog catalog() {
    return catalog;
  }

  public SimulatorConfig config() {
    return config;
  }
}
