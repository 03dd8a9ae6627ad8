package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example request of docs/agent-requests.md, as written (only its run id made fresh, so that it
 * is a new run), succeeds against the local suite's agent profiles.
 */
@ExtendWith(SuiteExtension.class)
class DocsExampleFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDocumentedExampleRequestSucceeds(LocalSuite suite) throws Exception {
    String doc = Files.readString(suite.root.resolve("docs/agent-requests.md"));
    Matcher block =
        Pattern.compile("```json\\n(\\{\\n  \"version\": 1.*?)```", Pattern.DOTALL).matcher(doc);
    if (!block.find()) {
      throw new AssertionError("docs/agent-requests.md has no example request");
    }
    ObjectNode request = (ObjectNode) JSON.readTree(block.group(1));
    request.put("runId", UUID.randomUUID().toString());
    String tenant = request.path("tenant").asText();

    try (Connection nats = Nats.connect(LocalSuite.NATS_URL)) {
      Subscription results = nats.subscribe(request.path("replyTo").asText());
      nats.flush(Duration.ofSeconds(5));
      nats.jetStream().publish(suite.requestSubject(tenant), JSON.writeValueAsBytes(request));

      Message message;
      JsonNode result;
      do {
        message = results.nextMessage(Duration.ofSeconds(60));
        assertNotNull(message, "no result for the documented example within 60 s");
        result = JSON.readTree(message.getData());
      } while (!request.path("runId").asText().equals(result.path("runId").asText()));
      assertEquals("succeeded", result.path("status").asText(), result.toString());
      assertEquals(request.path("agent").asText(), result.path("agent").asText());
    }
  }
}
