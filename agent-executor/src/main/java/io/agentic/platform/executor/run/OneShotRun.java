package io.agentic.platform.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.StartupCheck;
import io.agentic.platform.executor.observe.RunMetrics.Outcome;
import io.agentic.platform.executor.run.Outcomes.Step;
import io.agentic.platform.executor.run.Verdict.Refused;
import io.agentic.platform.executor.schema.SchemaMigrations;
import io.nats.client.impl.Headers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Run mode: the one request of a file, executed once, the way a Kubernetes Job runs an AgentRun.
 * The request is admitted, claimed, executed and ended by the same pipeline as a request from NATS;
 * its result event goes to stdout (one line, in full) and to the container's termination message
 * (cut to what Kubernetes keeps), and the exit code says how it ended. NATS is never used.
 *
 * <p>With PostgreSQL the run is recorded and idempotent by tenant and run id: a process started
 * again for a run that ended (a restarted pod) answers with the stored result and calls no LLM.
 */
@ApplicationScoped
public class OneShotRun {

  /** The run succeeded. */
  public static final int SUCCEEDED = 0;

  /**
   * The run failed (the provider rejected it) or was given up (dead); also when the executor cannot
   * run at all (invalid configuration, schema too old), then without a result event.
   */
  public static final int FAILED = 1;

  /** The request file is missing, unreadable, not JSON or not a valid request: nothing ran. */
  public static final int BAD_INPUT = 2;

  /** Stopped before the run ended, as by SIGTERM: the run is left to a later attempt. */
  static final int STOPPED = 128 + 15;

  /** The command-line word of run mode: {@code quarkus-run.jar run [<file>]}. */
  public static final String ARGUMENT = "run";

  private static final Logger LOG = Logger.getLogger(OneShotRun.class);

  private final ExecutorConfig config;
  private final StartupCheck check;
  private final SchemaMigrations schema;
  private final Admission admission;
  private final RunPipeline pipeline;
  private final RunStore store;
  private final ObjectMapper mapper;
  private final Clock clock;

  OneShotRun(
      ExecutorConfig config,
      StartupCheck check,
      SchemaMigrations schema,
      Admission admission,
      RunPipeline pipeline,
      RunStore store,
      ObjectMapper mapper,
      Clock clock) {
    this.config = config;
    this.check = check;
    this.schema = schema;
    this.admission = admission;
    this.pipeline = pipeline;
    this.store = store;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Runs the request of the file named on the command line ({@code run <file>}, the word {@code
   * run} optional) or of {@code EXECUTOR_RUN_FILE}; returns the process exit code.
   */
  public int run(String... args) {
    List<String> rest = Arrays.asList(args);
    if (!rest.isEmpty() && ARGUMENT.equals(rest.get(0))) {
      rest = rest.subList(1, rest.size());
    }
    if (rest.size() > 1) {
      return badInput(
          "usage: run [<request file>]; got " + rest.size() + " arguments after run: " + rest);
    }
    Path file = rest.isEmpty() ? config.runFile() : Path.of(rest.get(0));
    try {
      check.verifyRunConfiguration();
    } catch (IllegalStateException invalid) {
      return cannotRun(invalid.getMessage());
    }
    if (store.keepsRuns()) {
      try {
        schema.verifyCurrent();
      } catch (SchemaMigrations.SchemaTooOld tooOld) {
        return cannotRun(tooOld.getMessage());
      } catch (RuntimeException unreachable) {
        // The claim waits for the database, as a served run does, until the request's deadline.
        LOG.warnf("database not reachable at start: %s", unreachable.getMessage());
      }
    }
    byte[] payload;
    try {
      payload = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return badInput("run file " + file + " does not exist");
    } catch (AccessDeniedException e) {
      return badInput("run file " + file + " cannot be read: permission denied");
    } catch (IOException | SecurityException e) {
      return badInput("run file " + file + " cannot be read: " + e.getMessage());
    }
    return execute(file, payload);
  }

  private int execute(Path file, byte[] payload) {
    Instant readAt = clock.instant();
    long readNanos = System.nanoTime();
    Headers trace = traceContext();
    // Each try after an unexpected failure counts as a delivery would, up to the same limit; the
    // last one ends the run dead (unexpected_error) with a result.
    for (int tries = 1; ; tries++) {
      Verdict verdict = admission.admitAlone(payload);
      if (verdict instanceof Refused refused && refused.request() == null) {
        return badInput(
            "run file " + file + ": " + refused.reason().code() + ": " + refused.detail());
      }
      Step step =
          pipeline.runAlone(
              new Delivery(null, payload, trace, tries, 0, readAt, readNanos), verdict);
      if (step.result() != null) {
        return answer(step.result());
      }
      if (step.outcome() == Outcome.INTERRUPTED || Thread.currentThread().isInterrupted()) {
        LOG.warn("stopped before the run ended; a later attempt takes it over");
        return STOPPED;
      }
      if (tries >= config.maxDeliveries()) {
        // Only a run another attempt took over and that never ended gets here.
        return cannotRun("the run ended without a result after " + tries + " tries");
      }
      if (step.disposition() instanceof Disposition.Nak nak && !nak.delay().isZero()) {
        try {
          Thread.sleep(nak.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          LOG.warn("stopped before the run ended; a later attempt takes it over");
          return STOPPED;
        }
      }
    }
  }

  /** The result: in full on stdout, fitted into the termination message, and as the exit code. */
  private int answer(String event) {
    String status;
    try {
      status = mapper.readTree(event).path("status").asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result event that is not JSON", e);
    }
    print(System.out, event);
    try {
      Optional<String> message = new TerminationMessage(mapper, store.keepsRuns()).of(event);
      if (message.isPresent()) {
        terminationMessage(message.get());
      } else {
        LOG.warn("the result does not fit into a termination message; it is in the pod log");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result event that is not JSON", e);
    }
    return RunStatus.SUCCEEDED.value().equals(status) ? SUCCEEDED : FAILED;
  }

  /** Nothing ran: the reason, one line, on stderr and as the termination message. */
  private int badInput(String reason) {
    String line = oneLine(reason);
    print(System.err, line);
    terminationMessage(line);
    return BAD_INPUT;
  }

  /** The executor cannot run this request at all; said in the log and the termination message. */
  private int cannotRun(String reason) {
    String line = oneLine(reason);
    LOG.error(line);
    terminationMessage(line);
    return FAILED;
  }

  /**
   * Writes the termination message. Kubernetes creates the file before the container starts; a file
   * this process cannot create where none is (outside Kubernetes, e.g. /dev as a user) is no
   * termination log, and neither is a path whose directory does not exist.
   */
  private void terminationMessage(String message) {
    Path path = config.terminationLog();
    Path directory = path.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      return;
    }
    boolean existed = Files.exists(path);
    try {
      Files.writeString(path, message, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      if (existed) {
        LOG.warnf("termination message not written to %s: %s", path, e.toString());
      } else {
        LOG.debugf("no termination log at %s: %s", path, e.toString());
      }
    }
  }

  /**
   * W3C trace context from {@code TRACEPARENT} and {@code TRACESTATE}, the environment's carrier of
   * it, so that the run continues the trace of whoever started the Job.
   */
  private static Headers traceContext() {
    Headers headers = new Headers();
    for (String field : List.of("traceparent", "tracestate")) {
      String value = System.getenv(field.toUpperCase(Locale.ROOT));
      if (value != null && !value.isBlank()) {
        headers.put(field, value.trim());
      }
    }
    return headers;
  }

  /** One line as UTF-8 bytes, whatever the platform's encoding: stdout is read by programs. */
  private static void print(PrintStream stream, String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    stream.write(bytes, 0, bytes.length);
    stream.flush();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
