package io.agentic.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module README's configuration table against the {@code @ConfigMapping} the service reads: every
 * key the mapping has is in the first column of a table row, and every key written there is one the
 * mapping has. Operators set what the README lists (the chart's environment names are checked
 * against the same table), so a key missing from it cannot be found, and a key listed that the
 * service does not read would be ignored without a word.
 */
public final class ConfigurationReference {

  private static final Pattern KEY = Pattern.compile("`([a-z][a-z0-9-]*(?:\\.[^`\\s]+)+)`");

  private ConfigurationReference() {}

  /**
   * Asserts that {@code readme} documents exactly the keys of {@code mapping} under {@code prefix}.
   * A map's entries are written with a placeholder ({@code executor.agents.<name>.model}); list
   * elements ({@code [*]}) are the list's own key.
   */
  public static void assertDocuments(Path readme, String prefix, Class<?> mapping) {
    Set<String> mapped = new TreeSet<>();
    for (String key :
        ConfigMappings.getProperties(ConfigClass.configClass(mapping, prefix)).keySet()) {
      if (!key.endsWith("[*]")) {
        mapped.add(key);
      }
    }
    Set<String> documented = documentedKeys(readme, prefix);
    Set<String> missing = new TreeSet<>(mapped);
    missing.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(mapped);
    assertTrue(
        missing.isEmpty() && unknown.isEmpty(),
        readme
            + ": keys the service reads but the table does not list: "
            + missing
            + "; keys the table lists that the service does not read: "
            + unknown);
  }

  /** The keys under {@code prefix} in the first column of the README's table rows. */
  static Set<String> documentedKeys(Path readme, String prefix) {
    Set<String> keys = new TreeSet<>();
    String text;
    try {
      text = Files.readString(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : text.lines().toList()) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String firstCell = line.substring(1, line.indexOf('|', 1));
      Matcher key = KEY.matcher(firstCell);
      while (key.find()) {
        String name = key.group(1).replaceAll("<[^>]+>", "*");
        if (name.startsWith(prefix + ".")) {
          keys.add(name);
        }
      }
    }
    return keys;
  }
}
