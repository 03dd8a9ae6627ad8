package io.agentic.platform.controller.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaledObjectDesiredStateTest {

  private final AgentExecutor example = Examples.consumerExample();

  @Test
  void consumerExampleGetsAUsableNatsJetStreamTrigger() {
    ScaledObject scaledObject = AgentExecutorScaledObjectDependentResource.desired(example);

    assertEquals("keda.sh/v1alpha1", scaledObject.getApiVersion());
    assertEquals("ScaledObject", scaledObject.getKind());
    assertEquals("my-service", scaledObject.getMetadata().getName());
    assertEquals("my-namespace", scaledObject.getMetadata().getNamespace());
    assertEquals(
        "agentic-platform-controller",
        scaledObject.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertEquals("AgentExecutor", scaledObject.getMetadata().getOwnerReferences().get(0).getKind());

    // Field by field as KEDA reads it: the serialised document.
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>)
            Serialization.unmarshal(Serialization.asJson(scaledObject), Map.class).get("spec");
    assertEquals(
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "my-service"),
        spec.get("scaleTargetRef"));
    assertEquals(1, spec.get("minReplicaCount"));
    assertEquals(10, spec.get("maxReplicaCount"));
    assertEquals(
        List.of(
            Map.of(
                "type",
                "nats-jetstream",
                "metadata",
                Map.of(
                    "natsServerMonitoringEndpoint", "nats.nats.svc:8222",
                    "account", "$G",
                    "stream", "MY_SERVICE_STREAM",
                    "consumer", "my-service-workers",
                    "lagThreshold", "5"))),
        spec.get("triggers"));
  }

  @Test
  void explicitEndpointAccountAndBoundsWin() {
    AgentExecutorSpec spec = example.getSpec();
    spec.setNatsMonitoringEndpoint("nats-monitor.ops.svc:8223");
    spec.setNatsAccount("TENANT_A");
    spec.setMinReplicas(2);
    spec.setMaxReplicas(20);
    spec.setLagThreshold(50);

    ScaledObject.Spec so = AgentExecutorScaledObjectDependentResource.desired(example).getSpec();
    Map<String, String> metadata = so.triggers().get(0).metadata();
    assertEquals("nats-monitor.ops.svc:8223", metadata.get("natsServerMonitoringEndpoint"));
    assertEquals("TENANT_A", metadata.get("account"));
    assertEquals("50", metadata.get("lagThreshold"));
    assertEquals(2, so.minReplicaCount());
    assertEquals(20, so.maxReplicaCount());
  }

  @Test
  void monitoringEndpointIsDerivedFromTheFirstNatsServer() {
    assertEquals(
        Optional.of("a.nats.svc"), NatsMonitoringEndpoint.hostOf("nats://a.nats.svc:4222"));
    assertEquals(
        Optional.of("a"), NatsMonitoringEndpoint.hostOf("nats://user:pw@a:4222,nats://b:4222"));
    assertEquals(Optional.of("tls-host"), NatsMonitoringEndpoint.hostOf("tls://tls-host"));
    assertEquals(Optional.empty(), NatsMonitoringEndpoint.hostOf("nats://:4222"));
  }
}
