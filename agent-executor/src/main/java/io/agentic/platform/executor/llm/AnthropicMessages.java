package io.agentic.platform.executor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.ChatMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Anthropic Messages API: {@code POST {base}/v1/messages}. */
final class AnthropicMessages implements ProviderCall {

  /** The API requires max_tokens; this applies when neither profile nor request sets it. */
  static final int DEFAULT_MAX_TOKENS = 1024;

  private final ObjectMapper mapper;
  private final String url;
  private final Map<String, String> headers;

  AnthropicMessages(ObjectMapper mapper, String baseUrl, Optional<String> apiKey, String version) {
    this.mapper = mapper;
    this.url = Urls.join(baseUrl, "/v1/messages");
    Map<String, String> h = new HashMap<>();
    h.put("anthropic-version", version);
    apiKey.ifPresent(key -> h.put("x-api-key", key));
    this.headers = Map.copyOf(h);
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public JsonNode body(ModelCall call, List<ChatMessage> messages) {
    ObjectNode body = mapper.createObjectNode().put("model", call.model());
    body.put("max_tokens", call.maxTokens().orElse(DEFAULT_MAX_TOKENS));
    // The Messages API takes the system prompt apart from the turns, which are user/assistant only.
    StringBuilder system = new StringBuilder(call.systemPrompt().orElse(""));
    ArrayNode wire = body.putArray("messages");
    for (ChatMessage message : messages) {
      if (message.role().equals("system")) {
        system.append(system.isEmpty() ? "" : "\n\n").append(message.content());
      } else {
        wire.addObject().put("role", message.role()).put("content", message.content());
      }
    }
    if (!system.isEmpty()) {
      body.put("system", system.toString());
    }
    call.temperature().ifPresent(t -> body.put("temperature", t));
    return body;
  }

  @Override
  public Completion read(JsonNode response, ModelCall call) {
    StringBuilder text = new StringBuilder();
    boolean any = false;
    for (JsonNode block : response.path("content")) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText());
        any = true;
      }
    }
    if (!any) {
      throw new LlmFailure(
          "messages answer has no text content block", true, 200, Optional.empty());
    }
    JsonNode usage = response.path("usage");
    return new Completion(
        text.toString(),
        response.path("model").asText(call.model()),
        usage.path("input_tokens").asInt(0),
        usage.path("output_tokens").asInt(0));
  }
}
