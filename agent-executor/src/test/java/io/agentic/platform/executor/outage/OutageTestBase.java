package io.agentic.platform.executor.outage;

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

  static boolean settled(ConsumerInfo info) {
    return info.getNumPending() == 0 && info.getNumAckPending() == 0;
  }
}
