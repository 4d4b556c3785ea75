package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's module table lists every module the build has, the bench profile's included. */
class ModuleTableTest {
  @Test
  void everyModuleHasARowInTheReadme() throws IOException {
    final Set<String> modules = new LinkedHashSet<>();
    final Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("..", "pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).contains("core", "cli", "benchmarks");
    final String readme = Files.readString(Path.of("..", "README.md"));
    for (final String module : modules) {
      assertThat(readme).as("README module table row for %s", module).contains("| `" + module + "` |");
    }
  }
}
