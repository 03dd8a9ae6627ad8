package io.agentic.platform.systemtest;

import io.agentic.platform.testsupport.RunningJar;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the packaged agentctl, as a user runs scripts/agentctl, against the suite's NATS. */
final class Agentctl {

  record Outcome(int exitCode, String output) {

    /** The trace id the request command prints with its result. */
    String traceId() {
      Matcher m = Pattern.compile("trace ([0-9a-f]{32})").matcher(output);
      if (!m.find()) {
        throw new AssertionError("no trace id in agentctl's output:\n" + output);
      }
      return m.group(1);
    }

    String runId() {
      Matcher m = Pattern.compile("run ([^ ]+) ").matcher(output);
      if (!m.find()) {
        throw new AssertionError("no run id in agentctl's output:\n" + output);
      }
      return m.group(1);
    }
  }

  private static final AtomicInteger RUNS = new AtomicInteger();

  private Agentctl() {}

  static Outcome run(LocalSuite suite, String... args) throws Exception {
    try (RunningJar agentctl =
        suite
            .jar("agentctl", "agentctl-" + RUNS.incrementAndGet())
            .env("NATS_URL", LocalSuite.NATS_URL)
            .args(args)
            .start()) {
      int exit = agentctl.waitForExit(Duration.ofSeconds(120));
      return new Outcome(exit, agentctl.output());
    }
  }

  /** {@code agentctl request} for {@code tenant}, published to this run's request subject. */
  static Outcome request(LocalSuite suite, String tenant, String... more) throws Exception {
    String[] args = new String[more.length + 4];
    args[0] = "request";
    args[1] = "--tenant=" + tenant;
    args[2] = "--subject=" + suite.requestSubject(tenant);
    args[3] = "--wait=90s";
    System.arraycopy(more, 0, args, 4, more.length);
    return run(suite, args);
  }
}
