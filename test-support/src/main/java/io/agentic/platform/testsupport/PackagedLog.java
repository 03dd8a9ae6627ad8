package io.agentic.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Assertions on what a packaged application logged. In a container the log pipeline reads each line
 * of the console as one JSON record, so a line that is not one breaks log search.
 */
public final class PackagedLog {

  /** Where {@code @QuarkusIntegrationTest} writes the console of the packaged application. */
  public static final Path INTEGRATION_TEST_LOG = Path.of("target", "quarkus.log");

  private PackagedLog() {}

  /**
   * {@code log} has at least one line, and every line is one JSON object with level and message.
   */
  public static void assertJsonLines(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertFalse(lines.isEmpty(), "the packaged application wrote no log lines to " + log);
    for (String line : lines) {
      JsonObject record = parseObject(line);
      assertTrue(
          record.containsKey("level") && record.containsKey("message"),
          "a log record without level and message: " + line);
    }
  }

  /** A JSON reader would take the first of two records on one line; the parser sees both. */
  private static JsonObject parseObject(String line) {
    try (JsonParser parser = Json.createParser(new StringReader(line))) {
      if (parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT) {
        JsonObject record = parser.getObject();
        if (!parser.hasNext()) {
          return record;
        }
      }
    } catch (JsonException e) {
      return fail("a log line that is not one JSON object: " + line, e);
    }
    return fail("a log line that is not one JSON object: " + line);
  }
}
