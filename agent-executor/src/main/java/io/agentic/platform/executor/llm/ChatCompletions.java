package io.agentic.platform.executor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OpenAI-compatible chat completions API: {@code POST {base}/v1/chat/completions}. */
final class ChatCompletions implements ProviderCall {

  private final ObjectMapper mapper;
  private final String url;
  private final Map<String, String> headers;

  ChatCompletions(ObjectMapper mapper, String baseUrl, Optional<String> apiKey) {
    this.mapper = mapper;
    this.url = Urls.join(baseUrl, "/v1/chat/completions");
    this.headers = apiKey.map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of());
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
    ArrayNode wire = body.putArray("messages");
    call.systemPrompt().ifPresent(p -> wire.addObject().put("role", "system").put("content", p));
    for (ChatMessage message : messages) {
      wire.addObject().put("role", message.role()).put("content", message.content());
    }
    call.temperature().ifPresent(t -> body.put("temperature", t));
    call.maxTokens().ifPresent(m -> body.put("max_tokens", m));
    return body;
  }

  @Override
  public Completion read(JsonNode response, ModelCall call) {
    JsonNode content = response.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw new LlmFailure(
          "chat completions answer has no choices[0].message.content", true, 200, Optional.empty());
    }
    JsonNode usage = response.path("usage");
    return new Completion(
        content.textValue(),
        response.path("model").asText(call.model()),
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }
}
