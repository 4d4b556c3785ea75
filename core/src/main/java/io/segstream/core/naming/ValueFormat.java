package io.segstream.core.naming;

import java.util.Locale;

/** A feature value in words and numbers a marketer reads at a glance, by the feature's unit. */
public final class ValueFormat {
  private ValueFormat() {}

  public static String format(final double value, final String unit) {
    // Inverse transforms leave tiny negatives (expm1 of a mean a hair below 0): never print "-0%" or "-0.00".
    final double v = Math.abs(value) < 0.005 ? 0.0 : value;
    return switch (unit) {
      case "share" -> Math.round(100 * v) + "%";
      case "currency" -> String.format(Locale.ROOT, "%.2f", v);
      case "days" -> v < 10 ? String.format(Locale.ROOT, "%.1f days", v) : String.format(Locale.ROOT, "%.0f days", v);
      case "stars" -> String.format(Locale.ROOT, "%.1f stars", v);
      case "" -> String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v); // a column of unknown units
      default -> unit.startsWith("score") ? String.format(Locale.ROOT, "%.2f", v)
          : String.format(Locale.ROOT, "%.1f %s", v, unit);
    };
  }
}
