package io.agentic.platform.executor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.Requests;
import io.agentic.platform.executor.session.SessionContext;
import io.agentic.platform.testsupport.PackagedJar;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The packaged jar in run mode, started as an AgentRun's Job starts it: one request from a file,
 * its result on stdout and in the termination message, its outcome in the exit code. The LLM is the
 * in-test fake; PostgreSQL and Redis are the local services, or absent.
 */
class RunModeIT {

  static final Duration EXIT = Duration.ofSeconds(90);
  static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/agentic";
  static final String SCHEMA = "ae_run_" + Long.toHexString(System.nanoTime());
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  // Each run's files stay here, for a look after a failure.
  static final Path WORK = Path.of("target", "run-mode-it").toAbsolutePath();
  // Variables the failsafe run sets for the packaged-application tests, and any the suite's own
  // environment may carry: each test gives the process exactly what it names.
  static final List<String> NOT_INHERITED =
      List.of(
          "NATS_",
          "POSTGRES_",
          "DRAGONFLY_",
          "LLM_",
          "OPENAI_",
          "ANTHROPIC_",
          "MEMORY_GATEWAY_",
          "EXECUTOR_",
          "QUARKUS_",
          "SMALLRYE_",
          "TRACEPARENT",
          "TRACESTATE");

  static FakeLlm llm;
  static NatsTrap nats;

  @BeforeAll
  static void start() throws Exception {
    llm = new FakeLlm();
    nats = new NatsTrap();
    Files.createDirectories(WORK);
    // What the AgentExecutor's migrate init container does before any run of the tenant.
    Flyway.configure()
        .dataSource(JDBC, "agentic", "agentic")
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @AfterAll
  static void stop() throws Exception {
    llm.close();
    nats.close();
    try (Connection c = DriverManager.getConnection(JDBC, "agentic", "agentic")) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void aSucceededRunPrintsItsResultWritesItsTerminationMessageAndExitsZero(TestInfo test)
      throws Exception {
    String runId = Requests.newRunId();
    String session = "s-" + runId;
    Path file =
        requestFile(
            test,
            Requests.request(runId, "default", "where is my order? " + runId)
                .put("sessionId", session)
                .put("userId", "u-1")
                // Allowed, and ignored: nothing is published.
                .put("replyTo", "agent.results.someone-else"));
    Map<String, String> env = withPostgresAndRedis(test);
    env.put("TRACEPARENT", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    // Traces on, exported to a closed port: the run's spans are made and sent at exit.
    env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
    env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");

    Exit exit = run(test, env, "run", file.toString());

    assertEquals(0, exit.code(), exit.describe());
    assertEquals(1, exit.stdout().lines().count(), "stdout is the result alone: " + exit.stdout());
    String event = exit.stdout().strip();
    JsonObject result = new JsonObject(event);
    assertEquals(1, result.getInteger("version"));
    assertEquals(runId, result.getString("runId"));
    assertEquals("acme", result.getString("tenant"));
    assertEquals("default", result.getString("agent"));
    assertEquals(session, result.getString("sessionId"));
    assertEquals("succeeded", result.getString("status"));
    assertEquals("echo: where is my order? " + runId, result.getString("output"));
    assertEquals("gpt-4o-mini", result.getString("model"));
    assertEquals(13, result.getJsonObject("usage").getInteger("inputTokens"));
    assertEquals(5, result.getJsonObject("usage").getInteger("outputTokens"));
    assertTrue(result.getJsonObject("timings").containsKey("llmMs"), event);
    assertEquals(1, result.getInteger("attempts"));
    assertEquals(event, exit.terminationMessage(), "the termination message is the same event");

    Map<String, Object> row = row(runId);
    assertEquals("succeeded", row.get("status"));
    assertEquals(1, row.get("attempts"));
    assertEquals(event, row.get("result"), "recorded as a served run's result is");
    assertEquals(null, row.get("reply_subject"), "nothing was published anywhere");
    assertEquals(2, sessionLength(SessionContext.key("acme", session)), "the turn is kept");

    FakeLlm.Call call = llm.callsWith(runId).get(0);
    assertEquals(
        TRACE_ID, call.headers().get("traceparent").split("-")[1], "TRACEPARENT continued");
    assertEquals(0, nats.connections(), "run mode never connects to NATS");
    assertFalse(exit.stderr().contains("Listening on: http"), "run mode opens no port");
  }

  @Test
  void anLlmRejectionFailsTheRunAndAStartAgainAnswersFromTheRunRecord(TestInfo test)
      throws Exception {
    String runId = Requests.newRunId();
    llm.script(runId, 400, Map.of(), "{\"error\":{\"message\":\"unsupported parameter\"}}");
    Path file = requestFile(test, Requests.request(runId, "default", "reject me " + runId));
    // The form of a Job whose ConfigMap is mounted where the executor looks by default.
    Map<String, String> env = withPostgresAndRedis(test);
    env.put("EXECUTOR_MODE", "run");
    env.put("EXECUTOR_RUN_FILE", file.toString());

    Exit first = run(test, env);
    assertEquals(1, first.code(), first.describe());
    JsonObject result = new JsonObject(first.stdout().strip());
    assertEquals("failed", result.getString("status"));
    assertEquals("llm_rejected", result.getJsonObject("error").getString("code"));
    assertTrue(
        result.getJsonObject("error").getString("message").contains("HTTP 400"), result.encode());
    assertEquals(first.stdout().strip(), first.terminationMessage());
    assertEquals("failed", row(runId).get("status"));

    // A pod started again (Job backoff) for a run that ended: the stored end, no second call.
    Exit again = run(test, env);
    assertEquals(1, again.code(), again.describe());
    assertEquals(first.stdout(), again.stdout());
    assertEquals(1, llm.callsWith(runId).size());
  }

  @Test
  void aFileThatIsNoRequestExitsTwoWithTheReasonAndNoStackTrace(TestInfo test) throws Exception {
    Path malformed = WORK.resolve(test.getTestMethod().orElseThrow().getName() + "-bad.json");
    Files.writeString(malformed, "{\"version\": 1, \"runId\": ");
    Exit notJson = run(test, withPostgresAndRedis(test), "run", malformed.toString());
    assertEquals(2, notJson.code(), notJson.describe());
    assertEquals("", notJson.stdout());
    String reason = notJson.line("run file " + malformed + ": malformed_json: not valid JSON");
    assertEquals(reason, notJson.terminationMessage());
    assertNoStackTrace(notJson);

    JsonObject invalid = Requests.request(Requests.newRunId(), "default", "hi");
    invalid.remove("messages");
    Path file = requestFile(test, invalid);
    Exit schema = run(test, withPostgresAndRedis(test), "run", file.toString());
    assertEquals(2, schema.code(), schema.describe());
    assertEquals("", schema.stdout());
    schema.line(
        "run file "
            + file
            + ": schema_violation: messages is required and must be a non-empty array");
    assertNoStackTrace(schema);
  }

  @Test
  void aMissingFileExitsTwoAndOutsideKubernetesNoTerminationLogIsWritten(TestInfo test)
      throws Exception {
    Path missing = WORK.resolve("no-such-dir").resolve("run.json");
    Map<String, String> env = withPostgresAndRedis(test);
    env.put("EXECUTOR_MODE", "run");
    env.put("EXECUTOR_RUN_FILE", missing.toString());
    Path nowhere = WORK.resolve("no-such-dir").resolve("termination-log");
    env.put("EXECUTOR_TERMINATION_LOG", nowhere.toString());

    Exit exit = run(test, env);

    assertEquals(2, exit.code(), exit.describe());
    assertEquals("", exit.stdout());
    exit.line("run file " + missing + " does not exist");
    assertNoStackTrace(exit);
    assertFalse(Files.exists(nowhere.getParent()), "a directory that is not there is left alone");
  }

  @Test
  void aLongOutputIsCutInTheTerminationMessageOnly(TestInfo test) throws Exception {
    String runId = Requests.newRunId();
    // Characters of two and four bytes, and quotes JSON escapes: about 24 KB of output.
    String question = runId + " " + "é😀\"ab".repeat(2_000);
    Path file = requestFile(test, Requests.request(runId, "default", question));

    Exit exit = run(test, withPostgresAndRedis(test), "run", file.toString());

    assertEquals(0, exit.code(), exit.describe());
    JsonObject full = new JsonObject(exit.stdout().strip());
    String output = "echo: " + question;
    assertEquals(output, full.getString("output"), "stdout has the whole output");
    byte[] message = Files.readAllBytes(exit.terminationLog());
    assertTrue(message.length <= 4096, "termination message of " + message.length + " bytes");
    JsonObject cut = new JsonObject(new String(message, StandardCharsets.UTF_8));
    assertEquals("succeeded", cut.getString("status"));
    assertEquals(full.getJsonObject("usage"), cut.getJsonObject("usage"));
    String shortened = cut.getString("output");
    String marker = "…[cut: ";
    String kept = shortened.substring(0, shortened.indexOf(marker));
    assertTrue(output.startsWith(kept) && kept.length() > 1000, shortened);
    int missing = output.codePointCount(0, output.length()) - kept.codePointCount(0, kept.length());
    assertTrue(
        shortened.endsWith(
            marker
                + missing
                + " more characters; the full output is in the pod log and the run record]"),
        shortened.substring(kept.length()));
  }

  @Test
  void aRunStartedAgainAfterItSucceededDoesNotCallTheLlmAgain(TestInfo test) throws Exception {
    String runId = Requests.newRunId();
    Instant deadline = Instant.now().plusSeconds(15);
    Path file =
        requestFile(
            test,
            Requests.request(runId, "default", "once " + runId)
                .put("deadline", deadline.toString()));
    Map<String, String> env = withPostgresAndRedis(test);

    Exit first = run(test, env, "run", file.toString());
    assertEquals(0, first.code(), first.describe());
    assertEquals(1, llm.callsWith(runId).size());

    Exit again = run(test, env, "run", file.toString());
    assertEquals(0, again.code(), again.describe());
    assertEquals(first.stdout(), again.stdout(), "the stored result, byte for byte");
    assertEquals(first.stdout().strip(), again.terminationMessage());
    assertEquals(1, llm.callsWith(runId).size(), "the LLM is not called again");

    // Started again once its deadline passed (a pod restarted late): still the stored result.
    long wait = Duration.between(Instant.now(), deadline).toMillis() + 200;
    if (wait > 0) {
      TimeUnit.MILLISECONDS.sleep(wait);
    }
    Exit late = run(test, env, "run", file.toString());
    assertEquals(0, late.code(), late.describe());
    assertEquals(first.stdout(), late.stdout());
    assertEquals(1, llm.callsWith(runId).size());
    assertEquals(1, row(runId).get("attempts"));
  }

  @Test
  void anUnexpectedErrorIsTriedAgainThenEndsTheRunDead(TestInfo test) throws Exception {
    // PostgreSQL answers, but refuses to record these runs: a fault, not an outage.
    try (Connection c = DriverManager.getConnection(JDBC, "agentic", "agentic")) {
      c.createStatement()
          .execute(
              "CREATE OR REPLACE FUNCTION "
                  + SCHEMA
                  + ".refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                  + " IF NEW.run_id LIKE 'boom-%' THEN RAISE EXCEPTION 'refused by the test';"
                  + " END IF; RETURN NEW; END $$");
      c.createStatement()
          .execute(
              "CREATE TRIGGER refuse_boom BEFORE INSERT ON "
                  + SCHEMA
                  + ".runs FOR EACH ROW EXECUTE FUNCTION "
                  + SCHEMA
                  + ".refuse_boom()");
    }
    String runId = "boom-" + Requests.newRunId();
    Path file = requestFile(test, Requests.request(runId, "default", "boom " + runId));
    Map<String, String> env = withPostgresAndRedis(test);
    env.put("EXECUTOR_MAX_DELIVERIES", "2");
    env.put("EXECUTOR_REDELIVERY_BACKOFF_INITIAL", "100ms");

    Exit exit = run(test, env, "run", file.toString());

    assertEquals(1, exit.code(), exit.describe());
    JsonObject result = new JsonObject(exit.stdout().strip());
    assertEquals("dead", result.getString("status"));
    assertEquals("unexpected_error", result.getJsonObject("error").getString("code"));
    assertTrue(
        result.getJsonObject("error").getString("message").contains("the last allowed"),
        result.encode());
    assertEquals(2, result.getInteger("attempts"), "tried again once, then given up");
    assertEquals(exit.stdout().strip(), exit.terminationMessage());
    assertEquals(0, llm.callsWith(runId).size());
  }

  @Test
  void withoutPostgresOrRedisTheRunGoesOnAndNothingIsKept(TestInfo test) throws Exception {
    String runId = Requests.newRunId();
    String session = "s-" + runId;
    Path file =
        requestFile(
            test, Requests.request(runId, "default", "alone " + runId).put("sessionId", session));
    Map<String, String> env = base(test);

    Exit exit = run(test, env, "run", file.toString());

    assertEquals(0, exit.code(), exit.describe());
    JsonObject result = new JsonObject(exit.stdout().strip());
    assertEquals("succeeded", result.getString("status"));
    assertEquals("echo: alone " + runId, result.getString("output"));
    assertEquals(exit.stdout().strip(), exit.terminationMessage());
    assertTrue(
        exit.stderr().contains("runs without the history of session " + session), exit.describe());
    assertTrue(row(runId).isEmpty(), "no row is kept without PostgreSQL");
    assertEquals(0, sessionLength(SessionContext.key("acme", session)));
    assertEquals(1, llm.callsWith(runId).size());
    assertEquals(0, nats.connections());
  }

  // --- the process --------------------------------------------------------------------------

  /** How a run ended: exit code, stdout, stderr, and where its termination log was to go. */
  record Exit(int code, String stdout, String stderr, Path terminationLog) {

    String terminationMessage() throws IOException {
      return Files.readString(terminationLog, StandardCharsets.UTF_8);
    }

    /** The one stderr line starting with {@code start}, which must be there. */
    String line(String start) {
      List<String> lines = stderr.lines().filter(l -> l.startsWith(start)).toList();
      assertEquals(1, lines.size(), "one line starting with '" + start + "'\n" + describe());
      return lines.get(0);
    }

    String describe() {
      return "exit " + code + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private static Exit run(TestInfo test, Map<String, String> env, String... args) throws Exception {
    String name = test.getTestMethod().orElseThrow().getName();
    int attempt = 1;
    while (Files.exists(WORK.resolve(name + "-" + attempt + ".out"))) {
      attempt++;
    }
    Path out = WORK.resolve(name + "-" + attempt + ".out");
    Path err = WORK.resolve(name + "-" + attempt + ".err");
    Path terminationLog =
        Path.of(env.getOrDefault("EXECUTOR_TERMINATION_LOG", terminationLog(test).toString()));
    Files.deleteIfExists(terminationLog);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(PackagedJar.QUARKUS_RUN_JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(variable -> NOT_INHERITED.stream().anyMatch(variable::startsWith));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " still running after " + EXIT + "; see " + err);
    }
    return new Exit(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        terminationLog);
  }

  /**
   * What every run gets: the fake LLM, the trap for NATS, a termination log, and no traces (as a
   * Job without a collector runs; exporting to nowhere at exit costs most of a second).
   */
  private static Map<String, String> base(TestInfo test) {
    Map<String, String> env = new HashMap<>();
    env.put("LLM_BASE_URL", llm.baseUrl());
    env.put("OPENAI_API_KEY", "sk-test-openai");
    env.put("NATS_URL", "nats://127.0.0.1:" + nats.port());
    env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
    env.put("EXECUTOR_TERMINATION_LOG", terminationLog(test).toString());
    return env;
  }

  private static Map<String, String> withPostgresAndRedis(TestInfo test) {
    Map<String, String> env = base(test);
    env.put("POSTGRES_HOST", "127.0.0.1");
    env.put("POSTGRES_PORT", "5432");
    env.put("POSTGRES_DB", "agentic");
    env.put("POSTGRES_USER", "agentic");
    env.put("POSTGRES_PASSWORD", "agentic");
    env.put("POSTGRES_SCHEMA", SCHEMA);
    env.put("DRAGONFLY_HOST", "127.0.0.1");
    env.put("DRAGONFLY_PORT", "6379");
    return env;
  }

  private static Path terminationLog(TestInfo test) {
    return WORK.resolve(test.getTestMethod().orElseThrow().getName() + ".termination-log");
  }

  private static Path requestFile(TestInfo test, JsonObject request) throws IOException {
    Path file = WORK.resolve(test.getTestMethod().orElseThrow().getName() + ".run.json");
    Files.writeString(file, request.encode(), StandardCharsets.UTF_8);
    return file;
  }

  private static void assertNoStackTrace(Exit exit) {
    assertFalse(exit.stderr().contains("\tat "), exit.describe());
    assertFalse(exit.stderr().contains("Exception"), exit.describe());
  }

  // --- what the run left behind -------------------------------------------------------------

  private static Map<String, Object> row(String runId) throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC, "agentic", "agentic");
        PreparedStatement select =
            c.prepareStatement(
                "SELECT status, attempts, result, reply_subject FROM "
                    + SCHEMA
                    + ".runs WHERE tenant = 'acme' AND run_id = ?")) {
      select.setString(1, runId);
      try (ResultSet rows = select.executeQuery()) {
        Map<String, Object> row = new HashMap<>();
        if (rows.next()) {
          row.put("status", rows.getString(1));
          row.put("attempts", rows.getInt(2));
          row.put("result", rows.getString(3));
          row.put("reply_subject", rows.getString(4));
        }
        return row;
      }
    }
  }

  /** LLEN of a Redis list, in the protocol's own words. */
  private static long sessionLength(String key) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(5000);
      byte[] name = key.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("*2\r\n$4\r\nLLEN\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(name);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        reply.append((char) c);
      }
      assertTrue(reply.charAt(0) == ':', "LLEN answered " + reply);
      return Long.parseLong(reply.substring(1).strip());
    }
  }

  /** A port where NATS would be: counts whoever connects to it. */
  static final class NatsTrap implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final AtomicInteger connections = new AtomicInteger();

    NatsTrap() throws IOException {
      Thread accepting =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket ignored = server.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "nats-trap");
      accepting.setDaemon(true);
      accepting.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
