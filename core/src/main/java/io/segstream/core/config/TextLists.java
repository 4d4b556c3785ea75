package io.segstream.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Parses the text stage's list settings, whose items are sentences (so they may hold commas): sentences
 * are separated by '|', categories by ';' and written {@code name=description|description}.
 */
final class TextLists {
  private TextLists() {}

  static List<String> sentences(final String key, final String value) {
    final List<String> out = Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (out.isEmpty()) {
      throw new ConfigException(key, value, "needs at least one sentence (separate sentences with '|')");
    }
    return out;
  }

  static List<SegstreamConfig.Text.Category> categories(final String key, final String value) {
    final List<SegstreamConfig.Text.Category> out = new ArrayList<>();
    final Set<String> names = new HashSet<>();
    for (final String entry : value.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      final int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(key, value, "each category is 'name=description|description', entries separated"
            + " by ';' (no '=' in '" + entry.strip() + "')");
      }
      final String name = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !names.add(name)) {
        throw new ConfigException(key, value, "category names must be non-empty and distinct ('" + name + "')");
      }
      out.add(new SegstreamConfig.Text.Category(name, sentences(key, entry.substring(eq + 1))));
    }
    if (out.isEmpty()) {
      throw new ConfigException(key, value, "needs at least one category");
    }
    return out;
  }
}
