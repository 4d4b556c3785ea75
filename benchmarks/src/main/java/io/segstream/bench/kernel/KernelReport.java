package io.segstream.bench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results of the kernel benchmarks ({@code -rf json -rff FILE}) into the markdown table of
 * docs/kernel-benchmark.md: million points per second ± the 99.9% confidence half-width JMH reports, per
 * implementation, the winner of each shape (a clear win when its interval does not overlap the runner-up's), and the
 * proposed core change's gain over plain Java.
 *
 * <p>{@code java -cp 'benchmarks/target/segstream-benchmarks.jar:benchmarks/target/lib/*'
 * io.segstream.bench.kernel.KernelReport RESULT.json...}
 */
public final class KernelReport {
  private record Score(double mean, double error) {
    double low() {
      return mean - error;
    }

    double high() {
      return mean + error;
    }
  }

  private KernelReport() {}

  public static void main(final String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: KernelReport RESULT.json... (JMH -rf json output; later files override earlier ones)");
      System.exit(2);
    }
    // (d, k, batch) -> impl -> score, shapes in the issue's order: d, then k, then batch.
    final Map<List<Integer>, Map<String, Score>> rows = new TreeMap<>((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        final int c = Integer.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    final ObjectMapper json = new ObjectMapper();
    for (final String file : args) {
      for (final JsonNode r : json.readTree(Path.of(file).toFile())) {
        final JsonNode p = r.path("params");
        final List<Integer> shape = List.of(p.path("d").asInt(), p.path("k").asInt(), p.path("batch").asInt());
        final JsonNode m = r.path("primaryMetric");
        rows.computeIfAbsent(shape, s -> new LinkedHashMap<>())
            .put(p.path("impl").asText(), new Score(m.path("score").asDouble(), m.path("scoreError").asDouble()));
      }
    }
    final List<String> impls = new ArrayList<>();
    for (final String name : Kernels.NAMES) {
      if (rows.values().stream().anyMatch(r -> r.containsKey(name))) {
        impls.add(name);
      }
    }
    final StringBuilder out = new StringBuilder("| d | k | batch |");
    for (final String impl : impls) {
      out.append(' ').append(impl).append(" |");
    }
    out.append(" winner | proposed / plain |\n|---:|---:|---:|");
    out.append("---:|".repeat(impls.size())).append("---|---:|\n");
    for (final Map.Entry<List<Integer>, Map<String, Score>> row : rows.entrySet()) {
      final List<Integer> s = row.getKey();
      final Map<String, Score> scores = row.getValue();
      out.append(String.format(Locale.ROOT, "| %d | %d | %d |", s.get(0), s.get(1), s.get(2)));
      String best = null;
      for (final String impl : impls) {
        final Score sc = scores.get(impl);
        if (sc == null) {
          out.append(" – |");
          continue;
        }
        if (best == null || sc.mean() > scores.get(best).mean()) {
          best = impl;
        }
        final String f = format(sc.mean());
        out.append(String.format(Locale.ROOT, " " + f + " ± " + f + " |", sc.mean() / 1e6, sc.error() / 1e6));
      }
      out.append(' ').append(winner(best, scores, impls)).append(" |");
      final Score plain = scores.get("plain");
      final Score proposed = scores.get("proposed");
      out.append(plain != null && proposed != null
          ? String.format(Locale.ROOT, " %.1f× |", proposed.mean() / plain.mean()) : " – |");
      out.append('\n');
    }
    out.append("\nMillion points per second (one thread; a point = assigned to its nearest centre and added to that "
        + "centre's sums), mean ± 99.9% confidence half-width over all forks' measurement iterations.\n");
    System.out.print(out);
  }

  /** The best mean; "clear" when its interval is above every other's, else the ones it overlaps are named. */
  private static String winner(final String best, final Map<String, Score> scores, final List<String> impls) {
    if (best == null) {
      return "–";
    }
    final Score b = scores.get(best);
    final List<String> ties = new ArrayList<>();
    for (final Map.Entry<String, Score> e : scores.entrySet()) {
      if (!e.getKey().equals(best) && impls.contains(e.getKey()) && e.getValue().high() >= b.low()) {
        ties.add(e.getKey());
      }
    }
    return ties.isEmpty() ? "**" + best + "**" : best + " (overlaps " + String.join(", ", ties) + ")";
  }

  /** Three significant digits for the mean, and the error to the same decimals. */
  private static String format(final double pointsPerSecond) {
    final double m = pointsPerSecond / 1e6;
    return m >= 10 ? "%.1f" : m >= 1 ? "%.2f" : "%.3f";
  }
}
