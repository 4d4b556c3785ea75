package io.segstream.generator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The share of users per persona; shares are normalised to sum to one. */
public record PersonaMix(Map<Persona, Double> shares) {

  public PersonaMix {
    final EnumMap<Persona, Double> copy = new EnumMap<>(Persona.class);
    double total = 0;
    for (final Map.Entry<Persona, Double> e : shares.entrySet()) {
      if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
        throw new IllegalArgumentException("share of " + e.getKey() + " must be a finite number >= 0");
      }
      total += e.getValue();
    }
    if (total <= 0) {
      throw new IllegalArgumentException("at least one persona needs a positive share");
    }
    for (final Persona p : Persona.values()) {
      copy.put(p, shares.getOrDefault(p, 0.0) / total);
    }
    shares = Collections.unmodifiableMap(copy);
  }

  /**
   * A plausible shop: browsers and bargain hunters are the crowd, big spenders a minority, a steady trickle of
   * newcomers and a sizeable group drifting away.
   */
  public static PersonaMix defaults() {
    return new PersonaMix(Map.of(
        Persona.LOYAL_BIG_SPENDER, 0.15,
        Persona.BARGAIN_HUNTER, 0.20,
        Persona.WINDOW_SHOPPER, 0.25,
        Persona.NEW_USER, 0.15,
        Persona.LAPSING_BUYER, 0.25));
  }

  /** Parses {@code LOYAL_BIG_SPENDER=0.2,BARGAIN_HUNTER=0.3,...}; personas left out get no users. */
  public static PersonaMix parse(final String spec) {
    final EnumMap<Persona, Double> shares = new EnumMap<>(Persona.class);
    for (final String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      final String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected PERSONA=share, got '" + part.trim() + "'");
      }
      final Persona persona;
      try {
        persona = Persona.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
      } catch (final IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown persona '" + kv[0].trim() + "'", e);
      }
      try {
        shares.put(persona, Double.parseDouble(kv[1].trim()));
      } catch (final NumberFormatException e) {
        throw new IllegalArgumentException("bad share for " + persona + ": '" + kv[1].trim() + "'", e);
      }
    }
    return new PersonaMix(shares);
  }

  public double share(final Persona persona) {
    return shares.get(persona);
  }

  /**
   * Exact user counts per persona (largest remainder), so a small population still gets every persona with a
   * positive share in the right proportion instead of whatever a dice roll gives.
   */
  public Map<Persona, Integer> counts(final int users) {
    final EnumMap<Persona, Integer> counts = new EnumMap<>(Persona.class);
    final EnumMap<Persona, Double> remainders = new EnumMap<>(Persona.class);
    int assigned = 0;
    for (final Persona p : Persona.values()) {
      final double exact = shares.get(p) * users;
      counts.put(p, (int) Math.floor(exact));
      remainders.put(p, exact - Math.floor(exact));
      assigned += (int) Math.floor(exact);
    }
    while (assigned < users) {
      Persona best = Persona.values()[0];
      for (final Persona p : Persona.values()) {
        if (remainders.get(p) > remainders.get(best)) {
          best = p;
        }
      }
      counts.merge(best, 1, Integer::sum);
      remainders.put(best, -1.0);
      assigned++;
    }
    return Collections.unmodifiableMap(counts);
  }

  @Override
  public String toString() {
    final StringBuilder sb = new StringBuilder();
    shares.forEach((p, s) -> sb.append(sb.isEmpty() ? "" : ",").append(p).append('=')
        .append(String.format(Locale.ROOT, "%.3f", s)));
    return sb.toString();
  }
}
