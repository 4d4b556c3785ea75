package io.segstream.ingest.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of one JSON object: every problem names its field path, and unknown fields are refused, so
 * a typo ({@code user_id} for {@code userId}) is an error instead of a silently missing value.
 */
final class JsonFields {
  private final JsonNode node;
  private final String path;

  private JsonFields(final JsonNode node, final String path) {
    this.node = node;
    this.path = path;
  }

  static JsonFields of(final JsonNode node, final String path, final Set<String> allowed) {
    if (!node.isObject()) {
      throw new FieldException(path, "must be a JSON object, was " + kind(node));
    }
    final Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      final String n = names.next();
      if (!allowed.contains(n)) {
        throw new FieldException(join(path, n), "unknown field; known here: " + String.join(", ", sorted(allowed)));
      }
    }
    return new JsonFields(node, path);
  }

  String path(final String field) {
    return join(path, field);
  }

  Optional<JsonNode> node(final String field) {
    final JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  String requiredString(final String field) {
    return optionalString(field).orElseThrow(() -> new FieldException(path(field), "is required"));
  }

  /** Strings, and integers for ids (exports often write numeric ids as numbers). */
  Optional<String> optionalString(final String field) {
    return node(field).map(v -> {
      if (v.isTextual()) {
        return v.asText();
      }
      if (v.isIntegralNumber()) {
        return v.bigIntegerValue().toString();
      }
      throw new FieldException(path(field), "must be a string, was " + kind(v));
    });
  }

  Optional<Double> optionalNumber(final String field) {
    return node(field).map(v -> {
      if (!v.isNumber()) {
        throw new FieldException(path(field), "must be a number, was " + kind(v));
      }
      return v.doubleValue();
    });
  }

  Optional<Integer> optionalInt(final String field) {
    return node(field).map(v -> {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new FieldException(path(field), "must be a whole number, was " + kind(v) + " " + v);
      }
      return v.intValue();
    });
  }

  List<JsonNode> array(final String field) {
    final Optional<JsonNode> v = node(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      throw new FieldException(path(field), "must be an array, was " + kind(v.get()));
    }
    final List<JsonNode> out = new ArrayList<>();
    v.get().forEach(out::add);
    return out;
  }

  static String kind(final JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String join(final String path, final String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static List<String> sorted(final Set<String> s) {
    return s.stream().sorted().toList();
  }
}
