package io.agentic.platform.controller.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.testsupport.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApiPresenceTest {

  KubernetesClient client;

  @Test
  void anInstalledApiIsNoticedOnceTheKnownAnswerHasExpired() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
    ApiPresence presence = new ApiPresence(Duration.ofSeconds(30), clock);
    assertFalse(presence.installed(client, "scaledobjects.keda.sh"));
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(io.agentic.platform.controller.ThirdPartyCrds.kedaScaledObject())
        .create();
    clock.advance(Duration.ofSeconds(29));
    assertFalse(presence.installed(client, "scaledobjects.keda.sh"), "still the known answer");
    clock.advance(Duration.ofSeconds(2));
    assertTrue(presence.installed(client, "scaledobjects.keda.sh"), "looked up again");
  }
}
