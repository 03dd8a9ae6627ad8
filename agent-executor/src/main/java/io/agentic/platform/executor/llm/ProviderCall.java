package io.agentic.platform.executor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.ChatMessage;
import java.util.List;
import java.util.Map;

/** One provider's wire format: the URL, headers and body of a call, and how to read the answer. */
interface ProviderCall {

  String url();

  Map<String, String> headers();

  JsonNode body(ModelCall call, List<ChatMessage> messages);

  Completion read(JsonNode response, ModelCall call);
}
