package io.agentic.platform.bridge.fake;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A fake of Langfuse's OTLP ingestion endpoint ({@code POST /api/public/otel/v1/traces}): it keeps
 * every request it receives and answers as the test tells it; by default like Langfuse does, 200
 * with a JSON body. Not Langfuse: it stores nothing beyond the test and checks no credentials.
 */
public final class FakeLangfuse implements AutoCloseable {

  public static final String TRACES_PATH = "/api/public/otel/v1/traces";

  /** One request as the fake saw it, with the body decompressed. */
  public record Received(String path, MultiMap headers, byte[] body) {

    public ExportTraceServiceRequest traces() {
      try {
        return ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public List<Span> spans() {
      List<Span> spans = new ArrayList<>();
      for (ResourceSpans resource : traces().getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans.addAll(scope.getSpansList());
        }
      }
      return spans;
    }
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, MultiMap headers, Buffer body) {

    public static Answer ok() {
      return json(200, "{}");
    }

    public static Answer json(int status, String body) {
      return new Answer(
          status,
          MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
          Buffer.buffer(body));
    }

    public static Answer protobuf(int status, byte[] body) {
      return new Answer(
          status,
          MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-protobuf"),
          Buffer.buffer(body));
    }

    public Answer header(String name, String value) {
      headers.add(name, value);
      return this;
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Received> attempts = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Answer> answers = request -> Answer.ok();

  public FakeLangfuse() {
    this(Vertx.vertx());
  }

  private FakeLangfuse(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server
          .listen(0, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the fake could not listen", e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL to configure as {@code bridge.export.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port() + "/api/public/otel";
  }

  /** How the fake answers from now on. */
  public void answer(Function<Received, Answer> answers) {
    this.answers = answers;
  }

  /** Back to answering 200 to everything, and forgets what it received. */
  public void reset() {
    answers = request -> Answer.ok();
    received.clear();
    attempts.clear();
  }

  /** Requests answered 2xx. */
  public List<Received> accepted() {
    return List.copyOf(received);
  }

  /** Every request, whatever the answer. */
  public List<Received> attempts() {
    return List.copyOf(attempts);
  }

  public List<Span> acceptedSpans() {
    List<Span> spans = new ArrayList<>();
    for (Received request : received) {
      spans.addAll(request.spans());
    }
    return spans;
  }

  /** Waits until the accepted spans satisfy {@code condition}; fails after {@code timeout}. */
  public List<Span> awaitSpans(Predicate<List<Span>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Span> spans = acceptedSpans();
      if (condition.test(spans)) {
        return spans;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError(
        "the fake did not receive the expected spans within "
            + timeout
            + "; got "
            + acceptedSpans().size());
  }

  private void handle(HttpServerRequest request) {
    request.body(
        body -> {
          byte[] bytes = body.result().getBytes();
          if ("gzip".equals(request.getHeader("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
              bytes = in.readAllBytes();
            } catch (IOException e) {
              request.response().setStatusCode(400).end("{\"error\":\"bad gzip\"}");
              return;
            }
          }
          Received seen =
              new Received(
                  request.path(),
                  MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                  bytes);
          attempts.add(seen);
          Answer answer = answers.apply(seen);
          if (answer == null) {
            return; // never answers: the exporter's timeout has to end it
          }
          if (answer.status() >= 200 && answer.status() < 300) {
            received.add(seen);
          }
          request.response().setStatusCode(answer.status()).headers().addAll(answer.headers());
          request.response().end(answer.body());
        });
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
