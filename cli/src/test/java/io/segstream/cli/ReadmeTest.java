package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.config.ConfigKeys;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents exactly what the code has: every config key and every feature, as generated. */
class ReadmeTest {
  private static String readme() throws Exception {
    return Files.readString(Path.of("..", "README.md"));
  }

  @Test
  void startsWithTheTwoCommands() throws Exception {
    final String head = readme().lines().limit(25).reduce("", (a, b) -> a + b + "\n");
    assertThat(head).contains("./segstream demo").contains("./segstream test");
    assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("./segstream test");
  }

  @Test
  void documentsEveryConfigurationKeyAsGenerated() throws Exception {
    final String readme = readme();
    assertThat(readme).as("README config table; regenerate with ./segstream config --markdown")
        .contains(ConfigCommand.table(true));
    for (final String key : ConfigKeys.DEFINITION.names()) {
      assertThat(readme).contains("`" + key + "`");
    }
  }

  @Test
  void documentsEveryFeatureAsGenerated() throws Exception {
    assertThat(readme()).as("README feature table; regenerate with ./segstream features --markdown")
        .contains(FeaturesCommand.table(FeatureRegistry.standard(FeatureSettings.defaults()), true));
  }
}
