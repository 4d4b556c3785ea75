package io.segstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The scaling curve of {@code bench throughput} as a small SVG written by hand (no charting dependency): four
 * panels over the population size on a log axis, each point labelled with its value.
 */
final class ScalingChart {
  private static final int PANEL_W = 300;
  private static final int PANEL_H = 180;
  private static final int PAD = 44;

  private ScalingChart() {}

  private record Panel(String title, String unit, ToDoubleFunction<Map<String, Object>> value, double goal) {}

  static void write(final Path file, final List<Map<String, Object>> sizes) throws IOException {
    final List<Panel> panels = List.of(
        new Panel("throughput / bare count topology", "", s -> num(s, "segmentationShareOfCeiling"), 0.70),
        new Panel("p99 event → change latency", " ms", s -> num(s, "latencyP99Millis"), 150),
        new Panel("bytes per user on disk", " B", s -> num(s, "bytesPerUserOnDisk"), 256),
        new Panel("restore of a lost state dir", " s", s -> num(s, "restoreSecondsFromChangelogs"), Double.NaN));
    final int width = 2 * (PANEL_W + 2 * PAD);
    final int height = 2 * (PANEL_H + 2 * PAD) + 30;
    final StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" text-anchor=\"middle\">segstream bench"
        + " throughput: cost by number of users (dashed: goal)</text>%n", width / 2));
    final double minX = Math.log10(sizes.stream().mapToDouble(s -> num(s, "users")).min().orElse(1));
    final double maxX = Math.max(minX + 1, Math.log10(sizes.stream().mapToDouble(s -> num(s, "users")).max().orElse(10)));
    for (int p = 0; p < panels.size(); p++) {
      final Panel panel = panels.get(p);
      final int ox = (p % 2) * (PANEL_W + 2 * PAD) + PAD;
      final int oy = 30 + (p / 2) * (PANEL_H + 2 * PAD) + PAD;
      double maxY = sizes.stream().mapToDouble(panel.value()).max().orElse(1);
      if (!Double.isNaN(panel.goal())) {
        maxY = Math.max(maxY, panel.goal());
      }
      maxY = maxY <= 0 ? 1 : maxY * 1.15;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", ox, oy - 10,
          panel.title()));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
          + "stroke=\"#999\"/>%n", ox, oy, PANEL_W, PANEL_H));
      if (!Double.isNaN(panel.goal())) {
        final double gy = oy + PANEL_H - PANEL_H * panel.goal() / maxY;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c33\" "
            + "stroke-dasharray=\"4 3\"/>%n", ox, gy, ox + PANEL_W, gy));
      }
      final StringBuilder line = new StringBuilder();
      for (final Map<String, Object> s : sizes) {
        final double x = ox + 20 + (PANEL_W - 40) * (Math.log10(num(s, "users")) - minX) / (maxX - minX);
        final double v = panel.value().applyAsDouble(s);
        final double y = oy + PANEL_H - PANEL_H * v / maxY;
        line.append(line.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f5fa8\"/>%n", x, y));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s%s</text>%n", x,
            y - 8, v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v), panel.unit()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%,d users"
            + "</text>%n", x, oy + PANEL_H + 15, (long) num(s, "users")));
      }
      svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>%n", line));
    }
    svg.append("</svg>\n");
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, svg, StandardCharsets.UTF_8);
  }

  private static double num(final Map<String, Object> s, final String key) {
    return ((Number) s.getOrDefault(key, 0)).doubleValue();
  }
}
