package io.agentic.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A jar started by {@link PackagedJar#start()}. Every wait polls at short intervals up to a
 * deadline, and fails at once, with the last lines of the process's output, when the process exits
 * before the awaited thing happens. {@link #close()} kills whatever still runs.
 */
public final class RunningJar implements AutoCloseable {

  /** How a JVM ends after its shutdown hooks ran on SIGTERM (128 + 15). */
  public static final int EXIT_AFTER_SIGTERM = 143;

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final int LAST_LINES = 40;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final Process process;
  private final Path logFile;

  RunningJar(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Waits until {@code condition} holds; {@code awaited} says what it stands for in a failure
   * message, e.g. "the Lease to be held".
   */
  public void waitUntil(String awaited, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        // What it wrote before exiting may be what the caller waits for.
        if (condition.getAsBoolean()) {
          return;
        }
        throw failure("exited with code " + process.exitValue() + " while waiting for " + awaited);
      }
      if (System.nanoTime() - deadline > 0) {
        throw failure("still running after " + text(timeout) + " of waiting for " + awaited);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** Waits for a line of output matching {@code pattern}, and returns the first such line. */
  public String waitForLine(Pattern pattern, Duration timeout) throws InterruptedException {
    waitUntil("a line matching " + pattern, () -> firstLine(pattern).isPresent(), timeout);
    return firstLine(pattern).orElseThrow();
  }

  /** Waits until a GET of {@code url} answers 200, e.g. a readiness endpoint. */
  public void waitForUrl(String url, Duration timeout) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
    waitUntil("200 from " + url, () -> answers200(request), timeout);
  }

  /** Waits for the process to exit by itself, and returns its exit code. */
  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw failure("still running after " + text(timeout));
    }
    return process.exitValue();
  }

  /** Sends SIGTERM, as Kubernetes does to stop a pod, and returns the exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw failure("still running " + text(timeout) + " after SIGTERM");
    }
    return process.exitValue();
  }

  /**
   * Sends SIGTERM like {@link #stop} from another thread, so the caller can watch what the process
   * does while it stops; completes with the exit code.
   */
  public CompletableFuture<Integer> stopInBackground(Duration timeout) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return stop(timeout);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
          }
        });
  }

  /** Sends SIGKILL, as after a crash or a missed grace period, and returns the exit code. */
  public int kill(Duration timeout) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw failure("still running " + text(timeout) + " after SIGKILL");
    }
    return process.exitValue();
  }

  /** Everything the process wrote to stdout and stderr so far. */
  public String output() {
    try {
      // Decoded leniently: the process may be in the middle of writing a character.
      return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file holding stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // The kill is sent; whoever interrupted the test decides what comes next.
      Thread.currentThread().interrupt();
    }
  }

  private Optional<String> firstLine(Pattern pattern) {
    return output().lines().filter(line -> pattern.matcher(line).find()).findFirst();
  }

  private static boolean answers200(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      // The caller's next sleep sees the interrupt and ends the wait.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private AssertionError failure(String what) {
    List<String> lines = output().lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
    return new AssertionError(
        String.format(
            "%s %s; last %d lines of %s:\n%s",
            name, what, last.size(), logFile, String.join("\n", last)));
  }

  private static String text(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
