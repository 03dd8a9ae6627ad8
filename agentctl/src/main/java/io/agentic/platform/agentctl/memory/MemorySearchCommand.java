package io.agentic.platform.agentctl.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.Ids;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Searches a user's memories (POST /v1/memories/search).")
public class MemorySearchCommand implements Callable<Integer> {

  @Mixin GatewayOptions gateway;

  @Spec CommandSpec spec;

  @Inject ObjectMapper json;

  @Option(names = "--user", required = true, description = "whose memories")
  String user;

  @Option(names = "--session", description = "only this conversation's memories")
  String session;

  @Option(names = "--top-k", defaultValue = "5", description = "most memories (default 5)")
  int topK;

  @Option(
      names = "--method",
      defaultValue = "hybrid",
      description = "keyword, vector, hybrid or agentic (default ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--json", description = "print the gateway's answer as it arrived")
  boolean rawJson;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "what to look for")
  String[] words;

  @Override
  public Integer call() throws Exception {
    Ids.require("--user", user);
    String query = String.join(" ", words).strip();
    if (query.isEmpty()) {
      throw CliFailure.usage("the query is empty");
    }
    ObjectNode body = json.createObjectNode();
    body.put("query", query);
    body.put("method", method);
    body.put("top_k", topK);
    ObjectNode filters = body.putObject("filters").put("user_id", user);
    if (session != null) {
      filters.put("session_id", Ids.require("--session", session));
    }
    JsonNode answer = new GatewayClient(gateway, json).post("/v1/memories/search", body);
    PrintWriter out = spec.commandLine().getOut();
    if (rawJson) {
      out.println(answer);
      return 0;
    }
    JsonNode memories = answer.path("memories");
    if (memories.isEmpty()) {
      out.println("no memories found");
    }
    int rank = 1;
    for (JsonNode m : memories) {
      String text = m.path("summary").asText(m.path("content").asText(""));
      out.printf(
          "%d. [%s] %s%s%n",
          rank++,
          m.path("score").isNumber() ? String.format("%.2f", m.path("score").asDouble()) : "-",
          m.hasNonNull("timestamp") ? "(" + m.path("timestamp").asText() + ") " : "",
          text.replace('\n', ' '));
    }
    return 0;
  }
}
