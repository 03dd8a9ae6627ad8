import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Search and store through the packaged memory-gateway versus directly against the same local fake
 * EverMemOS, in one run. The gateway verifies a real RS256 token against a JWKS served here, so
 * the measured overhead includes identity, validation, tenant scoping, resilience and metrics.
 * The same direct requests also go through nginx as a plain pass-through proxy: what any hop in
 * between costs on this machine, before the gateway does any work of its own.
 */
public class MemoryGatewayBench {

  static final String ISSUER = "https://keycloak.bench/realms/agents";
  static final String TENANT = "bench";

  /** Gateway warm-up rounds: two can run at the same rate while the compilers are still busy. */
  static final int MIN_WARMUP_ROUNDS = 3;

  static final int MAX_WARMUP_ROUNDS = 12;

  /**
   * How long the fake EverMemOS takes to answer a search or store (a timer, no CPU). 0, the
   * default, measures the gateway's own cost against an upstream that does nothing; a few
   * milliseconds or more, as a real EverMemOS takes, shows whether the gateway limits throughput
   * when the upstream's time dominates.
   */
  static final long UPSTREAM_MS = Long.parseLong(System.getenv().getOrDefault("BENCH_UPSTREAM_MS", "0"));

  /**
   * One measured phase. {@code hopCpuUs} and {@code benchCpuUs} are the CPU time per request of the
   * process in between (the gateway, or nginx with its workers) and of this JVM (load generator and
   * fake upstream).
   */
  record Result(
      double rps, double p50Ms, double p99Ms, long errors, double hopCpuUs, double benchCpuUs) {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(args[0]);
    String jar = args[1];
    int concurrency = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONCURRENCY", "16"));
    Vertx vertx = Vertx.vertx();

    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    HttpServer upstream = await(fakeEverMemOs(vertx).listen(0, "127.0.0.1"));
    HttpServer jwks = await(jwksServer(vertx, keys).listen(0, "127.0.0.1"));
    Gateway gateway = Gateway.start(jar, "bench-gateway.log", upstream.actualPort(), jwks.actualPort());
    int gatewayPort = gateway.port();
    // A second build of the gateway measured in the same run, phase after phase with this one.
    String baselineJar = System.getenv().getOrDefault("BENCH_BASELINE_JAR", "");
    Gateway baseline =
        baselineJar.isEmpty()
            ? null
            : Gateway.start(
                baselineJar, "bench-baseline-gateway.log", upstream.actualPort(), jwks.actualPort());
    int nginxPort = freePort();
    Path nginxDir = Files.createTempDirectory("bench-nginx");
    Process nginx = null;
    try {
      nginx = passThroughNginx(nginxDir, nginxPort, upstream.actualPort());
      awaitReady(gateway.managementPort());
      if (baseline != null) {
        awaitReady(baseline.managementPort());
      }
      String token = token(keys);
      List<Driver> drivers = drivers(vertx, concurrency);

      String searchGateway =
          "{\"query\":\"soccer weekend\",\"method\":\"hybrid\",\"top_k\":5,"
              + "\"filters\":{\"user_id\":\"alice\",\"session_id\":\"s1\"}}";
      String searchDirect =
          "{\"query\":\"soccer weekend\",\"method\":\"hybrid\",\"memory_types\":[\"episodic_memory\"],"
              + "\"top_k\":5,\"filters\":{\"user_id\":\"bench/alice\",\"session_id\":\"bench/s1\"}}";
      String message =
          "\"message_id\":\"m-%d\",\"sender_id\":\"%s\",\"role\":\"user\","
              + "\"content\":\"I love playing soccer on weekends with my friends\"";
      String storeGateway =
          "{\"user_id\":\"alice\",\"session_id\":\"s1\",\"messages\":[{"
              + message.formatted(1, "alice")
              + ",\"timestamp\":\"2025-02-01T10:00:00Z\"}]}";
      String storeDirect =
          "{\"user_id\":\"bench/alice\",\"session_id\":\"bench/s1\",\"messages\":[{"
              + message.formatted(1, "bench/alice")
              + ",\"timestamp\":1738404000000}]}";

      int up = upstream.actualPort();
      // Warm both paths (JIT, connection pools, JWKS fetch) before measuring.
      run(drivers, gateway.process(), up, "/api/v1/memories/search", searchDirect, null, concurrency, 3);
      run(drivers, gateway.process(), up, "/api/v1/memories", storeDirect, null, concurrency, 2);
      warmGateway(drivers, gateway.process(), gatewayPort, searchGateway, storeGateway, token, concurrency);
      if (baseline != null) {
        warmGateway(drivers, baseline.process(), baseline.port(), searchGateway, storeGateway, token, concurrency);
      }
      run(drivers, nginx, nginxPort, "/api/v1/memories/search", searchDirect, null, concurrency, 2);

      Process hop = gateway.process();
      Result searchD = run(drivers, hop, up, "/api/v1/memories/search", searchDirect, null, concurrency, seconds);
      Result searchG = run(drivers, hop, gatewayPort, "/v1/memories/search", searchGateway, token, concurrency, seconds);
      Result searchB =
          baseline == null
              ? null
              : run(drivers, baseline.process(), baseline.port(), "/v1/memories/search", searchGateway, token, concurrency, seconds);
      Result storeD = run(drivers, hop, up, "/api/v1/memories", storeDirect, null, concurrency, seconds);
      // The baseline goes first here and second for search, so neither build always follows a direct phase.
      Result storeB =
          baseline == null
              ? null
              : run(drivers, baseline.process(), baseline.port(), "/v1/memories", storeGateway, token, concurrency, seconds);
      Result storeG = run(drivers, hop, gatewayPort, "/v1/memories", storeGateway, token, concurrency, seconds);
      Result searchN = run(drivers, nginx, nginxPort, "/api/v1/memories/search", searchDirect, null, concurrency, seconds);
      Result storeN = run(drivers, nginx, nginxPort, "/api/v1/memories", storeDirect, null, concurrency, seconds);

      print("search direct ", searchD);
      print("search gateway", searchG);
      print("store  direct ", storeD);
      print("store  gateway", storeG);
      print("search nginx  ", searchN);
      print("store  nginx  ", storeN);
      if (baseline != null) {
        print("search baseline", searchB);
        print("store  baseline", storeB);
      }

      double rpsGateway = (searchG.rps() + storeG.rps()) / 2;
      double rpsDirect = (searchD.rps() + storeD.rps()) / 2;
      double rpsNginx = (searchN.rps() + storeN.rps()) / 2;
      double addedP50 =
          ((searchG.p50Ms() - searchD.p50Ms()) + (storeG.p50Ms() - storeD.p50Ms())) / 2;
      double nginxAddedP50 =
          ((searchN.p50Ms() - searchD.p50Ms()) + (storeN.p50Ms() - storeD.p50Ms())) / 2;
      System.out.printf(
          Locale.ROOT,
          "RESULT rps_gateway=%.0f rps_direct=%.0f ratio=%.2f added_p50_ms=%.3f"
              + " search_ratio=%.2f store_ratio=%.2f search_added_p50_ms=%.3f"
              + " store_added_p50_ms=%.3f gateway_p99_ms=%.3f direct_p99_ms=%.3f errors=%d"
              + " gateway_cpu_us_per_request=%.0f rps_nginx=%.0f nginx_ratio=%.2f"
              + " nginx_added_p50_ms=%.3f nginx_cpu_us_per_request=%.0f upstream_ms=%d%n",
          rpsGateway,
          rpsDirect,
          rpsGateway / rpsDirect,
          addedP50,
          searchG.rps() / searchD.rps(),
          storeG.rps() / storeD.rps(),
          searchG.p50Ms() - searchD.p50Ms(),
          storeG.p50Ms() - storeD.p50Ms(),
          Math.max(searchG.p99Ms(), storeG.p99Ms()),
          Math.max(searchD.p99Ms(), storeD.p99Ms()),
          searchG.errors() + storeG.errors() + searchD.errors() + storeD.errors(),
          (searchG.hopCpuUs() + storeG.hopCpuUs()) / 2,
          rpsNginx,
          rpsNginx / rpsDirect,
          nginxAddedP50,
          (searchN.hopCpuUs() + storeN.hopCpuUs()) / 2,
          UPSTREAM_MS);
      if (baseline != null) {
        double rpsBaseline = (searchB.rps() + storeB.rps()) / 2;
        double cpuGateway = (searchG.hopCpuUs() + storeG.hopCpuUs()) / 2;
        double cpuBaseline = (searchB.hopCpuUs() + storeB.hopCpuUs()) / 2;
        System.out.printf(
            Locale.ROOT,
            "BASELINE rps_baseline=%.0f rps_vs_baseline=%.3f baseline_cpu_us_per_request=%.0f"
                + " cpu_vs_baseline=%.3f baseline_p99_ms=%.3f%n",
            rpsBaseline,
            rpsGateway / rpsBaseline,
            cpuBaseline,
            cpuGateway / cpuBaseline,
            Math.max(searchB.p99Ms(), storeB.p99Ms()));
      }
    } finally {
      if (nginx != null) {
        nginx.destroy();
        nginx.waitFor(30, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(nginxDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      gateway.stop();
      if (baseline != null) {
        baseline.stop();
      }
      vertx.close();
    }
  }

  /**
   * Warms the gateway with search and store together until two rounds in a row run at the same
   * rate (within 10%). On a slow machine its compilers are busy for far longer than a fixed few
   * seconds, and their work would otherwise be counted as the gateway's cost per request.
   */
  static void warmGateway(
      List<Driver> drivers,
      Process gateway,
      int port,
      String search,
      String store,
      String token,
      int concurrency)
      throws Exception {
    double previous = 0;
    for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
      Result searched = run(drivers, gateway, port, "/v1/memories/search", search, token, concurrency, 3);
      Result stored = run(drivers, gateway, port, "/v1/memories", store, token, concurrency, 2);
      double rate = (searched.rps() * 3 + stored.rps() * 2) / 5;
      System.out.printf(Locale.ROOT, "gateway warm-up %d: %.0f req/s%n", round, rate);
      if (round >= MIN_WARMUP_ROUNDS && Math.abs(rate - previous) <= 0.1 * previous) {
        return;
      }
      previous = rate;
    }
  }

  /** A packaged gateway running as its own process, pointed at the fake and the JWKS. */
  record Gateway(Process process, int port, int managementPort) {

    static Gateway start(String jar, String log, int upstreamPort, int jwksPort) throws Exception {
      int port = freePort();
      int managementPort = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  "java", "-Xmx256m", "-XX:ActiveProcessorCount=2", "-jar", new File(jar).getAbsolutePath())
              .redirectErrorStream(true)
              .redirectOutput(new File("memory-gateway/target/" + log));
      var env = builder.environment();
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
      env.put("MEMORY_EVERMEMOS_BASE_URL", "http://127.0.0.1:" + upstreamPort);
      env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://127.0.0.1:" + jwksPort + "/certs");
      env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
      // The JWKS is served over plain http on localhost by this benchmark.
      env.put("MEMORY_AUTH_ALLOW_HTTP_JWKS", "true");
      env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
      env.put("QUARKUS_LOG_LEVEL", "WARN");
      // No graceful-shutdown wait when the run is over; it plays no part in what is measured.
      env.put("MEMORY_SERVER_SHUTDOWN_DELAY", "0s");
      return new Gateway(builder.start(), port, managementPort);
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  static void print(String label, Result r) {
    System.out.printf(
        Locale.ROOT,
        "%s  %8.0f req/s  p50 %.3f ms  p99 %.3f ms  errors %d"
            + "  cpu/request: hop %.0f us, load generator and fake %.0f us%n",
        label,
        r.rps(),
        r.p50Ms(),
        r.p99Ms(),
        r.errors(),
        r.hopCpuUs(),
        r.benchCpuUs());
  }

  /**
   * Closed loop: {@code concurrency} requests in flight for {@code seconds}. Only requests that
   * complete inside the window count towards throughput and latency, and the rate is over the
   * window alone. A request without an answer within {@link #REQUEST_TIMEOUT_MS} counts as an
   * error, and a phase whose requests are not all done soon after it ends stops the run: a stalled
   * loop would otherwise lower the measured rate without any sign.
   */
  static Result run(
      List<Driver> drivers,
      Process gateway,
      int port,
      String path,
      String body,
      String token,
      int concurrency,
      int seconds)
      throws Exception {
    long[] latencies = new long[4_000_000];
    AtomicInteger count = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch finished = new CountDownLatch(concurrency);
    Buffer payload = Buffer.buffer(body);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .setTimeout(REQUEST_TIMEOUT_MS)
            .putHeader("content-type", "application/json");
    if (token != null) {
      options.putHeader("authorization", "Bearer " + token);
    }
    Duration gatewayCpuBefore = cpu(gateway);
    long benchCpuBefore = BENCH_CPU.getProcessCpuTime();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    for (int i = 0; i < concurrency; i++) {
      Driver driver = drivers.get(i % drivers.size());
      driver
          .context()
          .runOnContext(
              v ->
                  loop(
                      driver.client(),
                      options,
                      payload,
                      end,
                      latencies,
                      count,
                      errors,
                      running,
                      finished));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    if (!finished.await(2 * REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("requests still in flight after the phase ended");
    }
    long benchCpu = BENCH_CPU.getProcessCpuTime() - benchCpuBefore;
    long gatewayCpu = cpu(gateway).minus(gatewayCpuBefore).toNanos();
    int n = Math.min(count.get(), latencies.length);
    if (n == 0) {
      throw new IllegalStateException("no request completed in the phase");
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return new Result(
        n / (double) seconds,
        sorted[n / 2] / 1e6,
        sorted[(int) (n * 0.99)] / 1e6,
        errors.get(),
        gatewayCpu / 1e3 / n,
        benchCpu / 1e3 / n);
  }

  static final long REQUEST_TIMEOUT_MS = 10_000;

  /**
   * One load-generating event loop with a client of its own. Requests are only ever issued from
   * the driver's context, so every connection of its client lives on the same thread as the
   * callbacks: when a request and its connection sit on different event loops, Vert.x can see a
   * short response end before the body is asked for, and that request never completes.
   */
  record Driver(Context context, HttpClient client) {}

  /**
   * One driver per core, sharing {@code concurrency} connections between them. Each is a verticle
   * instance, which Vert.x places on an event loop of its own.
   */
  static List<Driver> drivers(Vertx vertx, int concurrency) throws Exception {
    int count = Math.min(concurrency, Runtime.getRuntime().availableProcessors());
    var drivers = new CopyOnWriteArrayList<Driver>();
    AtomicInteger created = new AtomicInteger();
    await(
        vertx.deployVerticle(
            () ->
                new AbstractVerticle() {
                  @Override
                  public void start() {
                    int i = created.getAndIncrement();
                    int connections = concurrency / count + (i < concurrency % count ? 1 : 0);
                    drivers.add(
                        new Driver(
                            context,
                            vertx.createHttpClient(
                                new HttpClientOptions()
                                    .setMaxPoolSize(connections)
                                    .setKeepAlive(true))));
                  }
                },
            new DeploymentOptions().setInstances(count)));
    return List.copyOf(drivers);
  }

  static final com.sun.management.OperatingSystemMXBean BENCH_CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The process's CPU time with its children's (nginx's workers). */
  static Duration cpu(Process process) {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * nginx in the foreground as a keep-alive pass-through to the fake: no access log, no
   * buffering, nothing rewritten. Its workers are its children, so stopping it stops them. Its
   * configuration, pid file and logs go to {@code dir}.
   */
  static Process passThroughNginx(Path dir, int port, int upstreamPort) throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        daemon off;
        worker_processes auto;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          client_body_temp_path %1$s;
          upstream evermemos { server 127.0.0.1:%3$d; keepalive 64; }
          server {
            listen 127.0.0.1:%2$d;
            keepalive_requests 1000000;
            location / {
              proxy_pass http://evermemos;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_request_buffering off;
              proxy_buffering off;
            }
          }
        }
        """
            .formatted(dir, port, upstreamPort));
    Process nginx =
        new ProcessBuilder(
                System.getenv().getOrDefault("BENCH_NGINX", "nginx"),
                "-c",
                conf.toString(),
                "-p",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return nginx;
      } catch (java.io.IOException e) {
        if (!nginx.isAlive()) {
          throw new IllegalStateException("nginx did not start; see " + dir.resolve("nginx.out"));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nginx is not listening on " + port);
  }

  static void loop(
      HttpClient client,
      RequestOptions options,
      Buffer payload,
      long end,
      long[] latencies,
      AtomicInteger count,
      AtomicLong errors,
      AtomicBoolean running,
      CountDownLatch finished) {
    if (!running.get()) {
      finished.countDown();
      return;
    }
    long t0 = System.nanoTime();
    client
        .request(options)
        .compose(request -> request.send(payload))
        .compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(
            result -> {
              long done = System.nanoTime();
              if (result.failed() || result.result() != 200) {
                errors.incrementAndGet();
              } else if (done <= end) {
                int i = count.getAndIncrement();
                if (i < latencies.length) {
                  latencies[i] = done - t0;
                }
              }
              loop(client, options, payload, end, latencies, count, errors, running, finished);
            });
  }

  /** A minimal current-API EverMemOS: canned search hits in the caller's scope, store acks. */
  static HttpServer fakeEverMemOs(Vertx vertx) {
    return vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request
                    .body()
                    .onSuccess(
                        body -> {
                          String answer;
                          if (request.path().equals("/health")) {
                            answer = "{\"status\":\"healthy\"}";
                          } else if (request.path().endsWith("/search")) {
                            JsonObject filters = body.toJsonObject().getJsonObject("filters");
                            JsonArray episodes = new JsonArray();
                            for (int i = 0; i < 5; i++) {
                              episodes.add(
                                  new JsonObject()
                                      .put("id", "mem-" + i)
                                      .put("user_id", filters.getString("user_id"))
                                      .put("session_id", filters.getString("session_id"))
                                      .put("timestamp", "2025-02-01T10:00:00Z")
                                      .put("summary", "The user plays soccer on weekends")
                                      .put("episode", "On Saturday the user played soccer with friends.")
                                      .put("sender_ids", new JsonArray().add(filters.getString("user_id")))
                                      .put("score", 0.9 - i * 0.1));
                            }
                            answer =
                                new JsonObject()
                                    .put("data", new JsonObject().put("episodes", episodes))
                                    .encode();
                          } else {
                            answer =
                                "{\"data\":{\"message_count\":1,\"status\":\"accumulated\"}}";
                          }
                          if (UPSTREAM_MS > 0 && !request.path().equals("/health")) {
                            String delayed = answer;
                            vertx.setTimer(UPSTREAM_MS, t -> answer(request, delayed));
                          } else {
                            answer(request, answer);
                          }
                        }));
  }

  static void answer(HttpServerRequest request, String json) {
    request.response().putHeader("content-type", "application/json").end(json);
  }

  static HttpServer jwksServer(Vertx vertx, KeyPair keys) {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    String jwks =
        new JsonObject()
            .put(
                "keys",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("kty", "RSA")
                            .put("kid", "bench")
                            .put("alg", "RS256")
                            .put("use", "sig")
                            .put("n", b64(unsigned(key.getModulus())))
                            .put("e", b64(unsigned(key.getPublicExponent())))))
            .encode();
    return vertx
        .createHttpServer()
        .requestHandler(r -> r.response().putHeader("content-type", "application/json").end(jwks));
  }

  /** An RS256 token as the platform's Keycloak issues it, valid for an hour. */
  static String token(KeyPair keys) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64(
            new JsonObject()
                .put("iss", ISSUER)
                .put("aud", "agent-gateway")
                .put("sub", "bench-agent")
                .put("tenant", TENANT)
                .put("iat", now)
                .put("exp", now + 3600)
                .encode()
                .getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keys.getPrivate());
    signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64(signer.sign());
  }

  static void awaitReady(int managementPort) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the gateway did not become ready; see memory-gateway/target/bench-*gateway.log");
  }

  static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
