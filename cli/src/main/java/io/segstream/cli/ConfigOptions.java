package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --config FILE and --set key=value, shared by every command that talks to Kafka. */
final class ConfigOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Properties file with segstream settings (keys in the README; SEGSTREAM_* environment variables override it).")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (repeatable); wins over file and environment.")
  Map<String, String> overrides = new LinkedHashMap<>();

  SegstreamConfig load() {
    return load(Map.of());
  }

  /** @param commandDefaults settings this command implies (e.g. from its own flags), overridden by --set */
  SegstreamConfig load(final Map<String, String> commandDefaults) {
    final Map<String, String> merged = new LinkedHashMap<>(commandDefaults);
    merged.putAll(overrides);
    return SegstreamConfig.load(Optional.ofNullable(file), System.getenv(), merged);
  }
}
