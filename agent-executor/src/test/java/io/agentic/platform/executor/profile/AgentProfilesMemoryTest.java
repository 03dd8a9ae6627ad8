package io.agentic.platform.executor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.LlmConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.memory.SearchMethod;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.RejectedRequest;
import io.agentic.platform.executor.request.RequestParser;
import io.agentic.platform.executor.run.FailureReason;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a run's memory plan comes from its profile, the default profile and the request. */
class AgentProfilesMemoryTest {

  static final Map<String, String> PROFILES =
      Map.of(
          "memory-gateway.url", "http://memory-gateway:8080",
          "memory-gateway.top-k", "4",
          "executor.agents.default.memory.method", "vector",
          "executor.agents.recall.memory.retrieve", "true",
          "executor.agents.recall.memory.store", "true",
          "executor.agents.plain.system-prompt", "no memory here",
          "executor.agents.open.overridable",
              "memory-retrieve,memory-store,memory-top-k,memory-method",
          "executor.agents.open.memory.top-k", "9");

  @Test
  void profileDefaultsApplyWithTheDefaultProfileAndTheGlobalTopKBehindThem() {
    assertEquals(
        new MemoryPlan(true, true, 4, SearchMethod.VECTOR),
        profiles(PROFILES).memory(request("recall", true, "")));
    assertEquals(
        new MemoryPlan(false, false, 4, SearchMethod.VECTOR),
        profiles(PROFILES).memory(request("plain", true, "")));
  }

  @Test
  void allowedOverridesWin() {
    assertEquals(
        new MemoryPlan(true, false, 12, SearchMethod.KEYWORD),
        profiles(PROFILES)
            .memory(
                request(
                    "open",
                    true,
                    ",\"memory\":{\"retrieve\":true,\"topK\":12,\"method\":\"keyword\"}")));
    assertEquals(
        new MemoryPlan(false, true, 9, SearchMethod.VECTOR),
        profiles(PROFILES).memory(request("open", true, ",\"memory\":{\"store\":true}")));
  }

  @Test
  void overridesTheProfileDoesNotListAreRejectedNamingTheField() {
    for (String memory :
        new String[] {
          "{\"retrieve\":false}|memory.retrieve (overridable option memory-retrieve)",
          "{\"store\":true}|memory.store (overridable option memory-store)",
          "{\"topK\":2}|memory.topK (overridable option memory-top-k)",
          "{\"method\":\"hybrid\"}|memory.method (overridable option memory-method)"
        }) {
      String[] parts = memory.split("\\|");
      RejectedRequest rejected =
          assertThrows(
              RejectedRequest.class,
              () -> profiles(PROFILES).memory(request("recall", true, ",\"memory\":" + parts[0])));
      assertEquals(FailureReason.OPTION_NOT_ALLOWED, rejected.reason());
      assertEquals("agent recall does not let requests set " + parts[1], rejected.getMessage());
    }
  }

  @Test
  void runsWithoutAUserNeitherRetrieveNorStore() {
    assertEquals(
        new MemoryPlan(false, false, 4, SearchMethod.HYBRID),
        profiles(PROFILES).memory(request("recall", false, "")));
  }

  @Test
  void withoutAGatewayProfileDefaultsAreIgnoredAndRequestsForMemoryRejected() {
    Map<String, String> disabled = new HashMap<>(PROFILES);
    disabled.put("memory-gateway.url", "");
    AgentProfiles profiles = profiles(disabled);
    assertEquals(false, profiles.memory(request("recall", true, "")).any());
    assertEquals(
        false, profiles.memory(request("open", true, ",\"memory\":{\"retrieve\":false}")).any());

    RejectedRequest rejected =
        assertThrows(
            RejectedRequest.class,
            () -> profiles.memory(request("open", true, ",\"memory\":{\"store\":true}")));
    assertEquals(FailureReason.MEMORY_UNAVAILABLE, rejected.reason());
    assertEquals(
        "memory.store asks for memory, but this executor has no memory-gateway"
            + " (MEMORY_GATEWAY_URL is not set)",
        rejected.getMessage());
  }

  private static AgentRequest request(String agent, boolean withUser, String extra) {
    String json =
        "{\"version\":1,\"runId\":\"r-1\",\"tenant\":\"acme\",\"agent\":\""
            + agent
            + "\","
            + (withUser ? "\"userId\":\"u-1\"," : "")
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
            + extra
            + "}";
    return new RequestParser(new ObjectMapper()).parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static AgentProfiles profiles(Map<String, String> values) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withDefaultValues(values)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(ExecutorConfig.class)
            .withMapping(LlmConfig.class)
            .withMapping(MemoryGatewayConfig.class)
            .build();
    return new AgentProfiles(
        config.getConfigMapping(ExecutorConfig.class),
        config.getConfigMapping(LlmConfig.class),
        config.getConfigMapping(MemoryGatewayConfig.class));
  }
}
