package io.segstream.cli;

import io.segstream.core.config.ConfigKeys;
import io.segstream.core.config.SegstreamConfig;
import java.util.Comparator;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints every configuration key with its default and meaning (the README's table comes from here). */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "List configuration keys, defaults and environment variables; --check validates a config file.")
final class ConfigCommand implements Runnable {
  @Mixin ConfigOptions config;

  @Option(names = "--markdown", description = "Print the table in Markdown (as in the README).")
  boolean markdown;

  @Option(names = "--check", description = "Load --config/--set/environment and report whether the result is valid.")
  boolean check;

  @Override
  public void run() {
    if (check) {
      final SegstreamConfig c = config.load();
      System.out.println("configuration OK: bootstrap.servers=" + String.join(",", c.bootstrapServers())
          + ", application.id=" + c.applicationId() + ", model.name=" + c.modelName());
      return;
    }
    System.out.print(table(markdown));
  }

  static String table(final boolean markdown) {
    final StringBuilder sb = new StringBuilder();
    if (markdown) {
      sb.append("| key | default | environment variable | meaning |\n| --- | --- | --- | --- |\n");
    }
    ConfigKeys.DEFINITION.configKeys().values().stream()
        .sorted(Comparator.comparingInt(k -> ConfigKeys.DEFINITION.names().stream().toList().indexOf(k.name)))
        .forEach(k -> {
          final String def = k.defaultValue == null ? "" : ConfigDef.convertToString(k.defaultValue, k.type);
          if (markdown) {
            sb.append("| `").append(k.name).append("` | `").append(def).append("` | `")
                .append(ConfigKeys.envName(k.name)).append("` | ").append(k.documentation.replace("|", "\\|")).append(" |\n");
          } else {
            sb.append(k.name).append(" = ").append(def).append("\n    ").append(k.documentation)
                .append("\n    env: ").append(ConfigKeys.envName(k.name)).append("\n");
          }
        });
    if (markdown) {
      sb.append("| `kafka.*` | | `SEGSTREAM_KAFKA_*` | Passed, without the prefix, to every Kafka client")
          .append(" (e.g. `kafka.security.protocol=SASL_SSL`; `SEGSTREAM_KAFKA_SASL_MECHANISM=PLAIN`). |\n");
    }
    return sb.toString();
  }
}
