package io.agentic.platform.agentctl.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.Ids;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Stores one message as a user's memory (POST /v1/memories).")
public class MemoryStoreCommand implements Callable<Integer> {

  @Mixin GatewayOptions gateway;

  @Spec CommandSpec spec;

  @Inject ObjectMapper json;

  @Option(names = "--user", required = true, description = "whose memory")
  String user;

  @Option(names = "--session", description = "the conversation it belongs to")
  String session;

  @Option(
      names = "--role",
      defaultValue = "user",
      description = "user or assistant (default ${DEFAULT-VALUE})")
  String role;

  @Option(
      names = "--message-id",
      description = "idempotency key: storing the same id again stores nothing (default: fresh)")
  String messageId;

  @Parameters(arity = "1..*", paramLabel = "CONTENT", description = "what to remember")
  String[] words;

  @Override
  public Integer call() throws Exception {
    Ids.require("--user", user);
    String content = String.join(" ", words).strip();
    if (content.isEmpty()) {
      throw CliFailure.usage("the content is empty");
    }
    if (!role.equals("user") && !role.equals("assistant")) {
      throw CliFailure.usage("--role must be user or assistant, not '" + role + "'");
    }
    ObjectNode body = json.createObjectNode().put("user_id", user);
    if (session != null) {
      body.put("session_id", Ids.require("--session", session));
    }
    ObjectNode message = body.putArray("messages").addObject();
    message.put(
        "message_id",
        messageId != null ? Ids.require("--message-id", messageId) : UUID.randomUUID().toString());
    message.put("sender_id", user);
    message.put("role", role);
    message.put("content", content);
    message.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    JsonNode answer = new GatewayClient(gateway, json).post("/v1/memories", body);
    spec.commandLine()
        .getOut()
        .println(
            "stored "
                + answer.path("accepted").asInt(1)
                + " message (status "
                + answer.path("status").asText("unknown")
                + ")");
    return 0;
  }
}
