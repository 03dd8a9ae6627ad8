package io.agentic.platform.standins.llm;

import io.agentic.platform.standins.BoundedBody;
import io.agentic.platform.standins.Responses;
import io.agentic.platform.standins.Standin;
import io.agentic.platform.standins.StandinsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for an LLM provider, in both the OpenAI and the Anthropic wire format. It answers at
 * once with {@link StandinModel}'s labelled reply; nothing here generates text.
 */
@ApplicationScoped
public class LlmStandin implements Standin {

  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final ChatWire OPENAI = new OpenAiWire(Clock.systemUTC());

  private final Map<String, ChatWire> wires =
      Map.of("/v1/chat/completions", OPENAI, "/v1/messages", new AnthropicWire());
  private final AtomicLong sequence = new AtomicLong();
  private final int port;

  LlmStandin(StandinsConfig config) {
    this.port = config.llm().port();
  }

  @Override
  public String name() {
    return "llm";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ChatWire wire = wires.get(request.path());
    if (wire == null) {
      Responses.json(request, 404, OPENAI.error(404, "no such endpoint: " + request.path()));
    } else if (request.method() != HttpMethod.POST) {
      Responses.json(request, 405, wire.error(405, "use POST"));
    } else {
      BoundedBody.read(request, MAX_BODY_BYTES)
          .onSuccess(body -> complete(request, wire, body))
          .onFailure(
              failure -> {
                int status = failure instanceof BoundedBody.TooLarge ? 413 : 400;
                Responses.json(request, status, wire.error(status, failure.getMessage()));
              });
    }
  }

  private void complete(HttpServerRequest request, ChatWire wire, Buffer body) {
    Conversation conversation;
    try {
      conversation =
          wire.read(
              Responses.jsonObject(body)
                  .orElseThrow(() -> new InvalidRequest("the body is not a JSON object")));
    } catch (InvalidRequest e) {
      Responses.json(request, 400, wire.error(400, e.getMessage()));
      return;
    }
    String reply = StandinModel.reply(conversation);
    Responses.json(
        request,
        200,
        wire.answer(
            sequence.incrementAndGet(), conversation, reply, Usage.of(conversation, reply)));
  }
}
