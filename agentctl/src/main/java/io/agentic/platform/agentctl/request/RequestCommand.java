package io.agentic.platform.agentctl.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.DurationConverter;
import io.agentic.platform.agentctl.cli.ExitCodes;
import io.agentic.platform.agentctl.cli.Ids;
import io.agentic.platform.agentctl.nats.NatsOptions;
import io.agentic.platform.agentctl.nats.Subjects;
import io.agentic.platform.agentctl.nats.TraceParent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one agent request and prints its result.",
      "Publishes a version-1 request with a fresh run id to agent.requests.<tenant> through"
          + " JetStream, waits for the result event on agent.results.<tenant>.<run> and prints it."
    })
public class RequestCommand implements Callable<Integer> {

  @Mixin NatsOptions nats;

  @Spec CommandSpec spec;

  @Inject ObjectMapper json;

  @Option(names = "--tenant", required = true, description = "the tenant the run belongs to")
  String tenant;

  @Option(names = "--agent", required = true, description = "the agent profile to run")
  String agent;

  @Option(names = "--session", description = "conversation id: earlier turns are sent along")
  String session;

  @Option(names = "--user", description = "end user; owns long-term memories (needed by --memory)")
  String user;

  @Option(
      names = "--memory",
      description = "recall long-term memories before the call and store the turn after it")
  boolean memory;

  @Option(
      names = "--wait",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "how long to wait for the result (default ${DEFAULT-VALUE})")
  Duration wait;

  @Option(names = "--json", description = "print the result event as it arrived")
  boolean rawJson;

  @Option(
      names = "--run-id",
      description =
          "the run id (default: a fresh UUID); sending an id again is answered from the run")
  String runId;

  @Option(
      names = "--subject",
      description = "subject to publish to (default agent.requests.<tenant>)")
  String subject;

  @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "the user message")
  String[] words;

  @Override
  public Integer call() throws Exception {
    AgentRequest request = validated();
    TraceParent trace = TraceParent.random();
    String target =
        subject != null
            ? Ids.requirePublishSubject("--subject", subject)
            : Subjects.requests(tenant);
    try (Connection connection = nats.connect()) {
      // Subscribed, and the subscription known to the server, before the request can be answered.
      Subscription replies = connection.subscribe(request.replyTo());
      connection.flush(Duration.ofSeconds(3));
      publish(connection, target, request, trace);
      return await(replies, request, trace);
    }
  }

  private AgentRequest validated() {
    Ids.requireTenant(tenant);
    Ids.require("--agent", agent);
    if (session != null) {
      Ids.require("--session", session);
    }
    if (user != null) {
      Ids.require("--user", user);
    }
    if (memory && user == null) {
      throw CliFailure.usage("--memory needs --user: long-term memories belong to a user");
    }
    String message = String.join(" ", words).strip();
    if (message.isEmpty()) {
      throw CliFailure.usage("the message is empty");
    }
    if (wait.isZero() || wait.isNegative()) {
      throw CliFailure.usage("--wait must be longer than 0");
    }
    String id = runId != null ? Ids.require("--run-id", runId) : UUID.randomUUID().toString();
    return new AgentRequest(
        id,
        tenant,
        agent,
        Optional.ofNullable(session),
        Optional.ofNullable(user),
        message,
        memory,
        Subjects.resultOfRun(tenant, id));
  }

  private void publish(
      Connection connection, String target, AgentRequest request, TraceParent trace)
      throws InterruptedException {
    Headers headers = new Headers().add("traceparent", trace.header());
    try {
      connection
          .jetStream()
          .publish(
              target,
              headers,
              request.toJson(json),
              // The run id doubles as the message id: a publish retried by the client is stored
              // once.
              PublishOptions.builder().messageId(request.runId()).build());
    } catch (JetStreamApiException e) {
      throw CliFailure.unavailable("NATS refused the request on " + target + ": " + e.getMessage());
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("503")) {
        throw CliFailure.unavailable(
            "no JetStream stream takes subject "
                + target
                + " (is the executor's stream created, and does it capture agent.requests.>?)");
      }
      throw CliFailure.unavailable("could not publish to " + target + ": " + e.getMessage());
    }
  }

  private int await(Subscription replies, AgentRequest request, TraceParent trace)
      throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Instant until = Instant.now().plus(wait);
    while (true) {
      Duration left = Duration.between(Instant.now(), until);
      Message message = left.isNegative() ? null : replies.nextMessage(left.plusMillis(1));
      if (message == null) {
        throw new CliFailure(
            ExitCodes.TIMEOUT,
            "no result for run "
                + request.runId()
                + " within "
                + DurationText.of(wait)
                + " (is an executor consuming "
                + request.tenant()
                + "'s requests? 'agentctl lag' shows the queue)");
      }
      String body = new String(message.getData(), StandardCharsets.UTF_8);
      JsonNode event;
      try {
        event = json.readTree(body);
      } catch (IOException e) {
        continue; // not a result event: whatever else shares the subject is not ours to print
      }
      ResultView result = new ResultView(event);
      if (!request.runId().equals(result.runId())) {
        continue;
      }
      if (rawJson) {
        out.println(body);
      } else {
        result.print(out, trace.traceId());
      }
      out.flush();
      return result.exitCode();
    }
  }
}
