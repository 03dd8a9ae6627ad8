package io.agentic.platform.executor.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class TimeLeftTest {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration CAP = Duration.ofSeconds(60);

  @Test
  void isTheTimeToTheDeadlineWhenThatIsShorterThanTheCap() {
    assertEquals(Duration.ofMillis(1500), TimeLeft.until(NOW, NOW.plusMillis(1500), CAP));
    assertEquals(CAP, TimeLeft.until(NOW, NOW.plus(CAP), CAP));
  }

  @Test
  void isTheCapForALaterDeadline() {
    assertEquals(CAP, TimeLeft.until(NOW, NOW.plus(CAP).plusNanos(1), CAP));
    assertEquals(CAP, TimeLeft.until(NOW, Instant.MAX, CAP));
  }

  @Test
  void isZeroOrNegativeOnceTheDeadlinePassed() {
    assertEquals(Duration.ZERO, TimeLeft.until(NOW, NOW, CAP));
    assertEquals(Duration.ofSeconds(-3), TimeLeft.until(NOW, NOW.minusSeconds(3), CAP));
  }

  /**
   * Every run without a deadline asks this with Instant.MAX, once per LLM attempt. Duration.between
   * overflows its nanosecond count there and recovers only by throwing and catching an
   * ArithmeticException: an exception with its stack trace, and a trip out of compiled code, on
   * every run.
   */
  @Test
  void anUnboundedDeadlineCostsNoException() throws IOException {
    List<String> thrown =
        exceptionsThrownHere(
            () -> {
              for (int i = 0; i < 100; i++) {
                assertEquals(CAP, TimeLeft.until(NOW, Instant.MAX, CAP));
              }
            });
    assertEquals(0, thrown.size(), () -> "thrown and caught on the way: " + Set.copyOf(thrown));
  }

  /** The exceptions constructed on this thread while {@code work} runs (JFR's own record). */
  private static List<String> exceptionsThrownHere(Runnable work) throws IOException {
    Path file = Files.createTempFile("time-left", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.JavaExceptionThrow");
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
      long here = Thread.currentThread().getId();
      return RecordingFile.readAllEvents(file).stream()
          .filter(event -> event.getThread() != null && event.getThread().getJavaThreadId() == here)
          .map(TimeLeftTest::thrownClass)
          .toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String thrownClass(RecordedEvent event) {
    return event.getClass("thrownClass").getName();
  }
}
