package io.agentic.platform.controller.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApiPresenceTest {

  KubernetesClient client;

  @Test
  void anInstalledApiIsNoticedOnceTheKnownAnswerHasExpired() {
    MutableClock clock = new MutableClock();
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

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-07T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
