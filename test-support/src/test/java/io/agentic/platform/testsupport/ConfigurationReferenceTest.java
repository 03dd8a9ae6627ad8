package io.agentic.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationReferenceTest {

  @ConfigMapping(prefix = "demo")
  interface Demo {
    @WithDefault("1")
    int size();

    List<String> hosts();

    Map<String, Agent> agents();

    interface Agent {
      String model();
    }
  }

  @TempDir Path dir;

  private Path readme(String... rows) throws IOException {
    return Files.writeString(
        dir.resolve("README.md"),
        "# demo\n\n| key | environment variable | meaning |\n|---|---|---|\n"
            + String.join("\n", rows)
            + "\n\nText mentioning `demo.elsewhere` outside a table.\n");
  }

  @Test
  void aTableListingEveryKeyPasses() throws IOException {
    Path readme =
        readme(
            "| `demo.size` | `DEMO_SIZE` | items, see `demo.hosts` |",
            "| `demo.hosts` | `DEMO_HOSTS` | comma-separated |",
            "| `demo.agents.<name>.model` | | the model of agent `<name>` |");
    assertDoesNotThrow(() -> ConfigurationReference.assertDocuments(readme, "demo", Demo.class));
  }

  @Test
  void aKeyMissingFromTheTableFailsNamingIt() throws IOException {
    Path readme = readme("| `demo.size`, `demo.hosts` | | |");
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> ConfigurationReference.assertDocuments(readme, "demo", Demo.class));
    assertTrue(failure.getMessage().contains("[demo.agents.*.model]"), failure.getMessage());
  }

  @Test
  void aKeyTheServiceDoesNotReadFailsNamingIt() throws IOException {
    Path readme =
        readme(
            "| `demo.size`, `demo.hosts`, `demo.agents.<name>.model` | | |",
            "| `demo.max-items` | `DEMO_MAX_ITEMS` | |");
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> ConfigurationReference.assertDocuments(readme, "demo", Demo.class));
    assertTrue(
        failure.getMessage().contains("does not read: [demo.max-items]"), failure.getMessage());
  }
}
