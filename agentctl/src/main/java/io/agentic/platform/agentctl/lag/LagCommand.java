package io.agentic.platform.agentctl.lag;

import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.ExitCodes;
import io.agentic.platform.agentctl.cli.Ids;
import io.agentic.platform.agentctl.nats.NatsOptions;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "lag",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the queue lag the executor reports for KEDA: num_pending + num_ack_pending of its"
          + " durable consumer."
    })
public class LagCommand implements Callable<Integer> {

  // JetStream API error codes: stream not found, consumer not found.
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int CONSUMER_NOT_FOUND = 10014;

  @Mixin NatsOptions nats;

  @Spec CommandSpec spec;

  @Option(names = "--stream", required = true, description = "the executor's NATS_STREAM_NAME")
  String stream;

  @Option(
      names = "--consumer",
      required = true,
      description = "the executor's NATS_CONSUMER_GROUP (its durable consumer)")
  String consumer;

  @Option(names = "--json", description = "print {\"lag\",\"numPending\",\"numAckPending\"}")
  boolean rawJson;

  @Override
  public Integer call() throws Exception {
    Ids.requireNatsName("--stream", stream);
    Ids.requireNatsName("--consumer", consumer);
    ConsumerInfo info;
    try (Connection connection = nats.connect()) {
      info = connection.jetStreamManagement().getConsumerInfo(stream, consumer);
    } catch (JetStreamApiException e) {
      throw new CliFailure(ExitCodes.NOT_SUCCEEDED, notFound(e));
    } catch (IOException e) {
      throw CliFailure.unavailable("cannot ask NATS at " + nats.url() + ": " + e.getMessage());
    }
    long pending = info.getNumPending();
    long ackPending = info.getNumAckPending();
    PrintWriter out = spec.commandLine().getOut();
    if (rawJson) {
      out.printf(
          "{\"lag\":%d,\"numPending\":%d,\"numAckPending\":%d,\"stream\":\"%s\",\"consumer\":\"%s\"}%n",
          pending + ackPending, pending, ackPending, stream, consumer);
    } else {
      out.printf(
          "lag %d (pending %d, ack pending %d)  stream %s, consumer %s%n",
          pending + ackPending, pending, ackPending, stream, consumer);
    }
    return ExitCodes.OK;
  }

  private String notFound(JetStreamApiException e) {
    return switch (e.getApiErrorCode()) {
      case STREAM_NOT_FOUND -> "stream '" + stream + "' does not exist";
      case CONSUMER_NOT_FOUND ->
          "stream '" + stream + "' has no consumer '" + consumer + "' (has an executor started?)";
      default -> "NATS refused: " + e.getErrorDescription();
    };
  }
}
