import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The chaos run's two sides (see chaos.sh): {@code llm} serves an OpenAI-compatible fake that answers
 * in 5-50 ms, 2 % of calls with a 429, every answer unique; {@code drive} publishes the requests
 * (some repeating an earlier run id, some malformed) through NATS restarts, waits for the executor to
 * drain, and reads back every result and dead letter from the streams that captured them.
 */
public class ChaosDriver {

  static final String NATS = env("CHAOS_NATS_URL", "nats://127.0.0.1:4322");
  static final int REQUESTS = Integer.parseInt(env("CHAOS_REQUESTS", "10000"));
  static final int REPEATS = Integer.parseInt(env("CHAOS_REPEATS", "500"));
  static final int MALFORMED = Integer.parseInt(env("CHAOS_MALFORMED", "100"));
  static final double RATE = Double.parseDouble(env("CHAOS_RATE", "100"));
  static final int TENANTS = 4;

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "llm" -> llm(Path.of(args[1]), Path.of(args[2]));
      case "drive" -> drive(args[1], args[2], Path.of(args[3]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** The LLM fake; writes its port to {@code portFile} and its call count to {@code callsFile}. */
  static void llm(Path portFile, Path callsFile) throws Exception {
    AtomicLong calls = new AtomicLong();
    AtomicLong answers = new AtomicLong();
    var scheduler = Executors.newScheduledThreadPool(4);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          calls.incrementAndGet();
          ThreadLocalRandom random = ThreadLocalRandom.current();
          boolean limited = random.nextInt(100) < 2;
          long delay = 5 + random.nextInt(46);
          scheduler.schedule(
              () -> {
                try {
                  byte[] body;
                  if (limited) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    body = "{\"error\":{\"type\":\"rate_limit\"}}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(429, body.length);
                  } else {
                    body =
                        ("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"chaos\","
                                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"answer "
                                + answers.incrementAndGet()
                                + "\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                  }
                  exchange.getResponseBody().write(body);
                } catch (Exception e) {
                  // The executor was killed mid-call.
                } finally {
                  exchange.close();
                }
              },
              delay,
              TimeUnit.MILLISECONDS);
        });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
    while (true) {
      Files.writeString(callsFile, Long.toString(calls.get()));
      Thread.sleep(200);
    }
  }

  /**
   * Publishes the load, waits until the consumer has nothing left and every valid run is answered
   * (or 10 minutes passed), and prints the RESULT line. {@code marksFile} receives "published" when
   * the last request is out, so the script can stop its chaos.
   */
  static void drive(String stream, String consumer, Path marksFile) throws Exception {
    Options options =
        new Options.Builder()
            .server(NATS)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(2))
            .errorListener(new io.nats.client.ErrorListener() {})
            .build();
    try (Connection nc = Nats.connect(options)) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      capture(jsm, "CHAOS_RESULTS", "agent.results.>");
      capture(jsm, "CHAOS_DEAD", "agent.dead-letter.>");
      JetStream js = nc.jetStream();

      Random random = new Random(42);
      List<String> sent = new ArrayList<>();
      List<String> sentSubjects = new ArrayList<>();
      Set<String> validRuns = new HashSet<>();
      List<Integer> kinds = new ArrayList<>();
      for (int i = 0; i < REQUESTS - REPEATS - MALFORMED; i++) kinds.add(0);
      for (int i = 0; i < REPEATS; i++) kinds.add(1);
      for (int i = 0; i < MALFORMED; i++) kinds.add(2);
      java.util.Collections.shuffle(kinds, random);
      List<String> bodies = new ArrayList<>();
      List<String> subjects = new ArrayList<>();
      for (int kind : kinds) {
        if (kind == 1 && !sent.isEmpty()) {
          int earlier = random.nextInt(sent.size());
          bodies.add(sent.get(earlier));
          subjects.add(sentSubjects.get(earlier));
          continue;
        }
        String tenant = "t" + random.nextInt(TENANTS);
        if (kind == 2) {
          bodies.add("{\"version\":1,\"runId\":\"broken-" + bodies.size());
          subjects.add("agent.requests." + tenant);
          continue;
        }
        String runId = "chaos-" + bodies.size();
        String body =
            "{\"version\":1,\"runId\":\""
                + runId
                + "\",\"tenant\":\""
                + tenant
                + "\",\"agent\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"q "
                + runId
                + "\"}]}";
        sent.add(body);
        sentSubjects.add("agent.requests." + tenant);
        validRuns.add(runId);
        bodies.add(body);
        subjects.add("agent.requests." + tenant);
      }

      long start = System.nanoTime();
      for (int i = 0; i < bodies.size(); i++) {
        long due = start + (long) (i * 1e9 / RATE);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        publish(js, subjects.get(i), bodies.get(i));
      }
      long lastPublished = System.nanoTime();
      Files.writeString(marksFile, "published\n");

      long deadline = lastPublished + TimeUnit.MINUTES.toNanos(10);
      long drained = -1;
      while (System.nanoTime() < deadline) {
        try {
          ConsumerInfo info = jsm.getConsumerInfo(stream, consumer);
          if (info.getNumPending() == 0 && info.getNumAckPending() == 0) {
            drained = System.nanoTime();
            break;
          }
        } catch (Exception restarting) {
          // NATS is being restarted; look again.
        }
        Thread.sleep(250);
      }
      double drainSeconds = drained < 0 ? -1 : (drained - lastPublished) / 1e9;

      Map<String, Set<String>> outputs = new HashMap<>();
      Map<String, String> status = new HashMap<>();
      for (Message m : readAll(nc, "CHAOS_RESULTS")) {
        String json = new String(m.getData(), StandardCharsets.UTF_8);
        String runId = field(json, "runId");
        status.merge(runId, field(json, "status"), (a, b) -> a.equals("succeeded") ? a : b);
        String output = field(json, "output");
        if (output != null) {
          outputs.computeIfAbsent(runId, k -> new HashSet<>()).add(output);
        }
      }
      int deadLetters = readAll(nc, "CHAOS_DEAD").size();
      long succeeded = validRuns.stream().filter(r -> "succeeded".equals(status.get(r))).count();
      long duplicateEffects =
          outputs.values().stream().mapToLong(set -> Math.max(0, set.size() - 1)).sum();
      long lost = validRuns.stream().filter(r -> !status.containsKey(r)).count();
      long llmCalls = Long.parseLong(Files.readString(marksFile.resolveSibling("llm.calls")).trim());
      System.out.printf(
          "RESULT requests=%d succeeded=%d distinct_runs=%d duplicate_effects=%d dead_letters=%d"
              + " lost=%d llm_calls=%d seconds=%.0f drain_s=%.1f%n",
          bodies.size(),
          succeeded,
          validRuns.size(),
          duplicateEffects,
          deadLetters,
          lost,
          llmCalls,
          (System.nanoTime() - start) / 1e9,
          drainSeconds);
    }
  }

  /** Publishes until the stream acknowledges it: through a NATS restart, nothing is dropped here. */
  private static void publish(JetStream js, String subject, String body) throws InterruptedException {
    while (true) {
      try {
        js.publish(subject, body.getBytes(StandardCharsets.UTF_8));
        return;
      } catch (Exception notNow) {
        Thread.sleep(100);
      }
    }
  }

  /** A stream capturing what the executor publishes, with no de-duplication window to hide repeats. */
  private static void capture(JetStreamManagement jsm, String name, String subject) throws Exception {
    try {
      jsm.deleteStream(name);
    } catch (Exception absent) {
      // First run.
    }
    jsm.addStream(
        StreamConfiguration.builder()
            .name(name)
            .subjects(subject)
            .storageType(StorageType.File)
            .duplicateWindow(Duration.ofMillis(100))
            .build());
  }

  private static List<Message> readAll(Connection nc, String stream) throws Exception {
    JetStreamManagement jsm = nc.jetStreamManagement();
    long total = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
    JetStreamSubscription sub =
        nc.jetStream()
            .subscribe(
                null,
                PullSubscribeOptions.builder()
                    .stream(stream)
                    .configuration(
                        ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.All).build())
                    .build());
    List<Message> all = new ArrayList<>();
    while (all.size() < total) {
      List<Message> batch = sub.fetch(500, Duration.ofSeconds(2));
      if (batch.isEmpty()) {
        break;
      }
      for (Message m : batch) {
        m.ack();
        all.add(m);
      }
    }
    sub.unsubscribe();
    return all;
  }

  /** A string field of a flat JSON event, enough for runId, status and output. */
  private static String field(String json, String name) {
    String key = "\"" + name + "\":\"";
    int at = json.indexOf(key);
    if (at < 0) {
      return null;
    }
    int from = at + key.length();
    StringBuilder value = new StringBuilder();
    for (int i = from; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        value.append(json.charAt(++i));
      } else if (c == '"') {
        break;
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
