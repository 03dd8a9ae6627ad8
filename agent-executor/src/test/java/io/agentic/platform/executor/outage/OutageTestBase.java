package io.agentic.platform.executor.outage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.outage.ProxiesResource.Proxies;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the outage tests share: the proxies, the fake LLM, a NATS client, and consumer state. */
abstract class OutageTestBase {

  static final Duration WAIT = Duration.ofSeconds(30);

  FakeLlm llm;
  Proxies proxies;
  NatsTestClient nats;

  @BeforeEach
  void connect() throws Exception {
    nats = new NatsTestClient();
  }

  @AfterEach
  void restore() throws Exception {
    proxies.nats().restore();
    proxies.postgres().restore();
    proxies.redis().restore();
    llm.release();
    nats.close();
  }

  ConsumerInfo consumerInfo() throws Exception {
    return nats.connection()
        .jetStreamManagement()
        .getConsumerInfo(
            NatsTestClient.config("nats.stream-name"),
            NatsTestClient.config("nats.consumer-group"));
  }

  /** Waits until every request was delivered and acked, naming what is left when it times out. */
  void awaitSettled() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ConsumerInfo info = consumerInfo();
              assertTrue(
                  info.getNumPending() == 0 && info.getNumAckPending() == 0,
                  () ->
                      "consumer not settled: pending="
                          + info.getNumPending()
                          + " ackPending="
                          + info.getNumAckPending()
                          + " redelivered="
                          + info.getRedelivered()
                          + " delivered="
                          + info.getDelivered()
                          + " ackFloor="
                          + info.getAckFloor()
                          + " waiting="
                          + info.getNumWaiting());
            });
  }
}
