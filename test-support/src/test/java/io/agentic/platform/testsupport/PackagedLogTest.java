package io.agentic.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackagedLogTest {

  private static final String RECORD =
      "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"level\":\"INFO\",\"message\":\"started\"}";

  @TempDir Path directory;

  private Path log(String content) throws IOException {
    return Files.writeString(directory.resolve("quarkus.log"), content);
  }

  @Test
  void acceptsOneJsonRecordPerLine() throws IOException {
    PackagedLog.assertJsonLines(log(RECORD + "\n" + RECORD + "\n"));
  }

  @Test
  void refusesAnEmptyLog() throws IOException {
    Path empty = log("");
    assertThrows(AssertionError.class, () -> PackagedLog.assertJsonLines(empty));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-01-01 00:00:00 INFO started",
        "{\"level\":\"INFO\"}",
        "{\"message\":\"started\"}",
        "[{\"level\":\"INFO\",\"message\":\"started\"}]",
        "{\"level\":\"INFO\",\"message\":\"a\"}{\"level\":\"INFO\",\"message\":\"b\"}",
      })
  void refusesALogWithALineThatIsNotARecord(String line) throws IOException {
    Path log = log(RECORD + "\n" + line + "\n");
    assertThrows(AssertionError.class, () -> PackagedLog.assertJsonLines(log));
  }
}
