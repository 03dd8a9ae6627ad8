package io.agentic.platform.executor.llm;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One POST to a provider whose answer is read up to a limit: the call fails, and the request is
 * reset, as soon as one byte more arrives. A provider (or a proxy in front of it) answering with an
 * endless or huge body costs at most the limit in memory and no time waiting for its end. (The web
 * client buffers a whole body before anyone can look at its size.)
 */
final class BoundedPost {

  /** A provider's answer: status, its Retry-After header, and the body. */
  record Answer(int status, String retryAfter, Buffer body) {}

  private final HttpClient client;
  private final Context context;
  private final int limit;

  BoundedPost(HttpClient client, Context context, int limit) {
    this.client = client;
    this.context = context;
    this.limit = limit;
  }

  /** {@code timeout}: the longest the connection may stay silent, before or during the answer. */
  Uni<Answer> post(String url, Map<String, String> headers, String body, Duration timeout) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setIdleTimeout(timeout.toMillis());
    headers.forEach(options::putHeader);
    return Uni.createFrom()
        .emitter(
            emitter ->
                // Every call runs on the client's one event loop, where its pooled connections are.
                context.runOnContext(
                    ignored ->
                        client
                            .request(options)
                            .compose(request -> request.send(Buffer.buffer(body)))
                            .onFailure(emitter::fail)
                            .onSuccess(response -> collect(response, emitter))));
  }

  private void collect(HttpClientResponse response, UniEmitter<? super Answer> emitter) {
    Buffer collected = Buffer.buffer();
    boolean[] exceeded = {false};
    response.exceptionHandler(
        failure -> {
          if (!exceeded[0]) {
            emitter.fail(failure);
          }
        });
    response.handler(
        chunk -> {
          if (exceeded[0]) {
            return;
          }
          if (collected.length() + chunk.length() > limit) {
            exceeded[0] = true;
            emitter.fail(
                new LlmFailure(
                    "LLM answer exceeds " + limit + " bytes (LLM_MAX_RESPONSE_BYTES)",
                    false,
                    response.statusCode(),
                    Optional.empty()));
            response.request().reset();
          } else {
            collected.appendBuffer(chunk);
          }
        });
    response.endHandler(
        ended -> {
          if (!exceeded[0]) {
            emitter.complete(
                new Answer(response.statusCode(), response.getHeader("Retry-After"), collected));
          }
        });
  }
}
