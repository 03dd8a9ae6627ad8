package io.agentic.platform.agentctl.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusMainTest
class LagCommandTest {

  @Test
  void printsPendingPlusAckPendingOfTheConsumer(QuarkusMainLauncher launcher) throws Exception {
    String name = "AGENTCTL_LAG_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
      JetStreamManagement jsm = nats.jetStreamManagement();
      jsm.addStream(
          StreamConfiguration.builder()
              .name(name)
              .subjects(name.toLowerCase() + ".>")
              .storageType(StorageType.Memory)
              .build());
      try {
        jsm.addOrUpdateConsumer(
            name,
            ConsumerConfiguration.builder()
                .durable("workers")
                .ackPolicy(AckPolicy.Explicit)
                .build());
        for (int i = 0; i < 3; i++) {
          nats.jetStream().publish(name.toLowerCase() + ".x", new byte[] {1});
        }

        LaunchResult result = launcher.launch("lag", "--stream=" + name, "--consumer=workers");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(
            "lag 3 (pending 3, ack pending 0)  stream " + name + ", consumer workers",
            result.getOutput().strip());

        LaunchResult json =
            launcher.launch("lag", "--stream=" + name, "--consumer=workers", "--json");
        assertTrue(json.getOutput().startsWith("{\"lag\":3,\"numPending\":3,\"numAckPending\":0"));

        LaunchResult noConsumer = launcher.launch("lag", "--stream=" + name, "--consumer=nobody");
        assertEquals(1, noConsumer.exitCode());
        assertEquals(
            "agentctl: stream '" + name + "' has no consumer 'nobody' (has an executor started?)",
            noConsumer.getErrorOutput().strip());
      } finally {
        jsm.deleteStream(name);
      }
    }
    LaunchResult noStream = launcher.launch("lag", "--stream=" + name, "--consumer=workers");
    assertEquals(1, noStream.exitCode());
    assertEquals(
        "agentctl: stream '" + name + "' does not exist", noStream.getErrorOutput().strip());
  }

  /**
   * A stream or consumer name NATS cannot take makes an API subject no server answers: it is a
   * usage error at once, not a wait of the JetStream timeout reported as NATS being unreachable.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--stream=a.b | --consumer=workers | --stream 'a.b'",
        "--stream=S | --consumer= | --consumer ''",
        "--stream=S | --consumer=w*rkers | --consumer 'w*rkers'",
        "--stream=S> | --consumer=workers | --stream 'S>'",
        "--stream=a b | --consumer=workers | --stream 'a b'",
      })
  void aNameNatsCannotTakeIsAUsageError(
      String stream, String consumer, String named, QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("lag", stream, consumer);
    assertEquals(2, result.exitCode(), result.getErrorOutput());
    String error = result.getErrorOutput().strip();
    assertTrue(error.startsWith("agentctl: " + named + " is not a NATS name"), error);
  }
}
