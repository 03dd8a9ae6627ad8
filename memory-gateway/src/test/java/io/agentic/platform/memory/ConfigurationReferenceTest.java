package io.agentic.platform.memory;

import io.agentic.platform.testsupport.ConfigurationReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration table of the README lists exactly the keys the service reads. */
class ConfigurationReferenceTest {

  private static final Path README = Path.of("README.md");

  @Test
  void theReadmeListsEveryKeyAndNoOther() {
    ConfigurationReference.assertDocuments(README, "memory", MemoryConfig.class);
  }
}
