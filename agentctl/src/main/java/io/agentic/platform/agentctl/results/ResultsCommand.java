package io.agentic.platform.agentctl.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.Ids;
import io.agentic.platform.agentctl.nats.NatsOptions;
import io.agentic.platform.agentctl.nats.Subjects;
import io.agentic.platform.agentctl.request.ResultView;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    description = {
      "Follows a tenant's result events as they arrive (Ctrl-C stops).",
      "Listens on agent.results.<tenant> and every subject below it."
    })
public class ResultsCommand implements Callable<Integer> {

  @Mixin NatsOptions nats;

  @Spec CommandSpec spec;

  @Inject ObjectMapper json;

  @Option(names = "--tenant", required = true, description = "whose results to follow")
  String tenant;

  @Option(names = "--json", description = "print each event as it arrived")
  boolean rawJson;

  @Option(names = "--count", description = "stop after this many results")
  Integer count;

  @Override
  public Integer call() throws Exception {
    Ids.requireTenant(tenant);
    if (count != null && count < 1) {
      throw CliFailure.usage("--count must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch done = new CountDownLatch(count == null ? 1 : count);
    try (Connection connection = nats.connect(true)) {
      Dispatcher dispatcher = connection.createDispatcher(message -> print(message, out, done));
      dispatcher.subscribe(Subjects.results(tenant));
      dispatcher.subscribe(Subjects.results(tenant) + ".>");
      connection.flush(Duration.ofSeconds(3));
      spec.commandLine()
          .getErr()
          .println(
              "following results of tenant " + tenant + " on " + nats.url() + " (Ctrl-C stops)");
      done.await(); // without --count, only an interrupt (Ctrl-C) ends the wait
    }
    return 0;
  }

  private void print(Message message, PrintWriter out, CountDownLatch done) {
    String body = new String(message.getData(), StandardCharsets.UTF_8);
    try {
      JsonNode event = json.readTree(body);
      synchronized (out) {
        out.println(rawJson ? body : new ResultView(event).summaryLine());
        out.flush();
      }
    } catch (IOException e) {
      synchronized (out) {
        out.println("(not a result event on " + message.getSubject() + ")");
        out.flush();
      }
    }
    if (count != null) {
      done.countDown();
    }
  }
}
