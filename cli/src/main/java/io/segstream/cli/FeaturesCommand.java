package io.segstream.cli;

import io.segstream.core.features.FeatureDef;
import io.segstream.core.features.FeatureRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the per-user features from the registry (the README's table comes from here). */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "List the per-user features: unit, transform, whether the model clusters on them, meaning.")
final class FeaturesCommand implements Runnable {
  @Mixin ConfigOptions config;

  @Option(names = "--markdown", description = "Print the table in Markdown (as in the README).")
  boolean markdown;

  @Override
  public void run() {
    System.out.print(table(FeatureRegistry.standard(config.load().features()), markdown));
  }

  static String table(final FeatureRegistry registry, final boolean markdown) {
    final StringBuilder sb = new StringBuilder();
    if (markdown) {
      sb.append("| feature | unit | transform | clustered | meaning |\n| --- | --- | --- | --- | --- |\n");
    }
    for (final FeatureDef f : registry.all()) {
      if (markdown) {
        sb.append("| `").append(f.name()).append("` | ").append(f.unit()).append(" | ")
            .append(f.transform().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
            .append(f.clustering() ? "yes" : "no").append(" | ").append(f.description()).append(" |\n");
      } else {
        sb.append(String.format("%-24s %-12s %-9s %-4s %s%n", f.name(), f.unit(),
            f.transform().name().toLowerCase(java.util.Locale.ROOT), f.clustering() ? "yes" : "no", f.description()));
      }
    }
    return sb.toString();
  }
}
