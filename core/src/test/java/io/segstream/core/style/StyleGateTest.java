package io.segstream.core.style;

import static org.assertj.core.api.Assertions.assertThat;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The style gate (checkstyle/ at the root, run by every build) really fails: each layering rule and each cap is
 * fed a source that breaks it, and a source that keeps it, through the build's own configuration.
 */
class StyleGateTest {
  @TempDir
  Path dir;

  @Test
  void coreAndTextImportNoKafka() throws Exception {
    assertThat(violations("io.segstream.core.model", "import org.apache.kafka.clients.producer.Producer;"))
        .singleElement().asString().contains("Disallowed import - org.apache.kafka.clients.producer.Producer");
    assertThat(violations("io.segstream.text", "import org.apache.kafka.common.serialization.Serde;"))
        .singleElement().asString().contains("Disallowed import");
    assertThat(violations("io.segstream.streams", "import org.apache.kafka.common.serialization.Serde;")).isEmpty();
  }

  @Test
  void coreConfigMayUseOnlyKafkasConfigDef() throws Exception {
    assertThat(violations("io.segstream.core.config", "import org.apache.kafka.common.config.ConfigDef;")).isEmpty();
    assertThat(violations("io.segstream.core.config", "import org.apache.kafka.clients.admin.Admin;")).hasSize(1);
  }

  @Test
  void onlyTheCommandLineUsesPicocliAndNothingUsesTheCommandLine() throws Exception {
    assertThat(violations("io.segstream.streams", "import picocli.CommandLine;")).hasSize(1);
    assertThat(violations("io.segstream.ingest.rfm", "import io.segstream.cli.SegstreamCommand;")).hasSize(1);
    assertThat(violations("io.segstream.cli.chaos", "import picocli.CommandLine;\nimport io.segstream.cli.Main;"))
        .isEmpty();
  }

  @Test
  void capsMethodComplexity() throws Exception {
    final StringBuilder branchy = new StringBuilder("  int f(int x) {\n    int n = 0;\n");
    for (int i = 0; i < 17; i++) {
      branchy.append("    if (x > ").append(i).append(") { n++; }\n");
    }
    branchy.append("    return n;\n  }\n");
    assertThat(violations("io.segstream.generator", "", branchy.toString()))
        .anySatisfy(v -> assertThat(v).contains("Cyclomatic Complexity is 18"))
        .anySatisfy(v -> assertThat(v).contains("NPath Complexity"));
  }

  @Test
  void capsMethodLength() throws Exception {
    final String longMethod = "  void f() {\n" + "    System.out.println();\n".repeat(150) + "  }\n";
    assertThat(violations("io.segstream.generator", "", longMethod))
        .singleElement().asString().contains("length is 152 lines (max allowed is 150)");
  }

  @Test
  void namesLoggersAndOtherConstantsInUpperCase() throws Exception {
    assertThat(violations("io.segstream.streams", "",
        "  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Object.class);\n"))
        .singleElement().asString().contains("Name 'log' must match pattern");
    assertThat(violations("io.segstream.streams", "",
        "  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Object.class);\n"))
        .isEmpty();
  }

  private List<String> violations(final String pkg, final String imports) throws Exception {
    return violations(pkg, imports, "");
  }

  private List<String> violations(final String pkg, final String imports, final String body) throws Exception {
    final Path source = dir.resolve("Probe" + Math.abs(System.nanoTime() % 1_000_000) + ".java");
    final String name = source.getFileName().toString().replace(".java", "");
    Files.writeString(source, "package " + pkg + ";\n\n" + imports + "\n\nfinal class " + name + " {\n" + body
        + "}\n");
    final Path config = configDir();
    final Properties props = new Properties();
    props.setProperty("config_loc", config.toString());
    final Checker checker = new Checker();
    final List<String> found = new ArrayList<>();
    try {
      checker.setModuleClassLoader(Checker.class.getClassLoader());
      checker.configure(ConfigurationLoader.loadConfiguration(config.resolve("checkstyle.xml").toString(),
          new PropertiesExpander(props)));
      checker.addListener(new Collector(found));
      checker.process(List.of(source.toFile()));
    } finally {
      checker.destroy();
    }
    return found;
  }

  /** checkstyle/ at the root of the build, found from the module the test runs in. */
  private static Path configDir() throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("checkstyle/checkstyle.xml"))) {
        return p.resolve("checkstyle");
      }
    }
    throw new IOException("no checkstyle/checkstyle.xml above " + Path.of("").toAbsolutePath());
  }

  private record Collector(List<String> found) implements AuditListener {
    @Override
    public void auditStarted(final AuditEvent event) {}

    @Override
    public void auditFinished(final AuditEvent event) {}

    @Override
    public void fileStarted(final AuditEvent event) {}

    @Override
    public void fileFinished(final AuditEvent event) {}

    @Override
    public void addError(final AuditEvent event) {
      found.add(event.getMessage() + " [" + event.getModuleId() + "/" + event.getSourceName() + "]");
    }

    @Override
    public void addException(final AuditEvent event, final Throwable throwable) {
      found.add("exception: " + throwable);
    }
  }

}
