package io.agentic.platform.executor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.LlmConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.profile.AgentProfiles;
import io.agentic.platform.executor.request.RequestParser;
import io.agentic.platform.executor.run.Verdict.Admitted;
import io.agentic.platform.executor.run.Verdict.Refused;
import io.agentic.platform.executor.tenancy.TenantSubjects;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Admission on a fixed clock: whose a request is (the subject NATS authenticated decides), where
 * its result may go, whether this executor serves it, and whether its deadline passed.
 */
class AdmissionTest {

  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  final Admission admission = admission(Optional.empty());

  @Test
  void aRequestOnItsTenantsSubjectIsAdmittedWithResultsToItsTenant() {
    Admitted admitted = assertInstanceOf(Admitted.class, admit("agent.requests.acme", request()));
    assertEquals("acme", admitted.request().tenant());
    assertEquals("agent.results.acme", admitted.replySubject());
  }

  @Test
  void aBodyNamingAnotherTenantThanItsSubjectIsRefusedAndNobodyIsAnswered() {
    Refused refused =
        assertInstanceOf(
            Refused.class, admit("agent.requests.acme", request().put("tenant", "globex")));
    assertEquals(FailureReason.TENANT_SUBJECT_MISMATCH, refused.reason());
    assertEquals(Optional.of("acme"), refused.tenant(), "the sender's own dead letters");
    assertEquals(Optional.empty(), refused.replySubject(), "no result to either tenant");
    assertTrue(refused.detail().contains("globex") && refused.detail().contains("acme"));
  }

  @Test
  void aSubjectThatNamesNoTenantIsRefusedUnread() {
    for (String subject : List.of("agent.requests", "agent.requests.acme.x", "other.acme")) {
      Refused refused = assertInstanceOf(Refused.class, admit(subject, request()), subject);
      assertEquals(FailureReason.TENANT_SUBJECT_MISMATCH, refused.reason());
      assertEquals(Optional.empty(), refused.tenant(), "dead-lettered to the unknown tenant");
      assertNull(refused.request());
    }
  }

  @Test
  void aTenantIdWithADotCannotReachTheSubjectsBelowAnotherTenant() {
    // "acme.evil" would be published on agent.requests.acme.evil, inside acme's permissions.
    Refused refused =
        assertInstanceOf(
            Refused.class, admit("agent.requests.acme", request().put("tenant", "acme.evil")));
    assertEquals(FailureReason.SCHEMA_VIOLATION, refused.reason());
  }

  @Test
  void aReplySubjectOutsideTheTenantsResultsIsRefusedAndAnsweredOnItsOwnResults() {
    for (String replyTo :
        List.of(
            "$JS.API.STREAM.DELETE.AGENT_REQUESTS",
            "_INBOX.abc",
            "agent.results.globex",
            "agent.results.globex.run-1",
            "agent.results.acme2",
            "agent.results",
            "agent.requests.acme")) {
      Refused refused =
          assertInstanceOf(
              Refused.class,
              admit("agent.requests.acme", request().put("replyTo", replyTo)),
              replyTo);
      assertEquals(FailureReason.REPLY_SUBJECT_NOT_ALLOWED, refused.reason(), replyTo);
      assertEquals(Optional.of("agent.results.acme"), refused.replySubject());
    }
  }

  @Test
  void aReplySubjectWithinTheTenantsResultsIsKept() {
    for (String replyTo : List.of("agent.results.acme", "agent.results.acme.run-1.x")) {
      Admitted admitted =
          assertInstanceOf(
              Admitted.class, admit("agent.requests.acme", request().put("replyTo", replyTo)));
      assertEquals(replyTo, admitted.replySubject());
    }
  }

  @Test
  void anExecutorLimitedToSomeTenantsRefusesOthersWithoutAnsweringThem() {
    Admission limited = admission(Optional.of(Set.of("acme")));
    assertInstanceOf(Admitted.class, admit(limited, "agent.requests.acme", request()));
    Refused refused =
        assertInstanceOf(
            Refused.class,
            admit(limited, "agent.requests.globex", request().put("tenant", "globex")));
    assertEquals(FailureReason.TENANT_NOT_SERVED, refused.reason());
    assertEquals(Optional.of("globex"), refused.tenant());
    assertEquals(Optional.empty(), refused.replySubject(), "its own executor answers it");
  }

  @Test
  void aPassedDeadlineIsRefusedAndAComingOneAdmitted() {
    Refused late =
        assertInstanceOf(
            Refused.class,
            admit(
                "agent.requests.acme",
                request().put("deadline", NOW.minus(Duration.ofSeconds(1)).toString())));
    assertEquals(FailureReason.DEADLINE_EXCEEDED, late.reason());
    assertInstanceOf(
        Admitted.class,
        admit(
            "agent.requests.acme",
            request().put("deadline", NOW.plus(Duration.ofSeconds(1)).toString())));
  }

  @Test
  void anOversizedMessageIsRefusedUnreadToItsSubjectsTenant() {
    Admission small =
        new Admission(
            64,
            subjects(Optional.empty()),
            profiles(),
            new RequestParser(new ObjectMapper()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    Refused refused =
        assertInstanceOf(Refused.class, admit(small, "agent.requests.acme", request()));
    assertEquals(FailureReason.PAYLOAD_TOO_LARGE, refused.reason());
    assertEquals(Optional.of("acme"), refused.tenant());
  }

  @Test
  void aRequestHandedOverAloneNeedsNoSubjectAndGetsNoReplySubject() {
    // What only NATS decides does not apply: another tenant's replyTo, the served tenants.
    Admission limited = admission(Optional.of(Set.of("globex")));
    Admitted admitted =
        assertInstanceOf(
            Admitted.class,
            limited.admitAlone(bytes(request().put("replyTo", "agent.results.globex"))));
    assertEquals("acme", admitted.request().tenant());
    assertNull(admitted.replySubject(), "nothing is published for a one-shot run");
  }

  @Test
  void aLoneRequestMeetsTheSameSchemaSizeProfilesAndDeadline() {
    Refused malformed =
        assertInstanceOf(Refused.class, admission.admitAlone(bytes("{\"version\"")));
    assertEquals(FailureReason.MALFORMED_JSON, malformed.reason());
    assertNull(malformed.request());

    Refused invalid =
        assertInstanceOf(Refused.class, admission.admitAlone(bytes(request().put("color", "red"))));
    assertEquals(FailureReason.SCHEMA_VIOLATION, invalid.reason());
    assertEquals("unknown field color", invalid.detail());
    assertNull(invalid.request());

    Admission small =
        new Admission(
            64,
            subjects(Optional.empty()),
            profiles(),
            new RequestParser(new ObjectMapper()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    Refused large = assertInstanceOf(Refused.class, small.admitAlone(bytes(request())));
    assertEquals(FailureReason.PAYLOAD_TOO_LARGE, large.reason());

    Refused unknown =
        assertInstanceOf(
            Refused.class, admission.admitAlone(bytes(request().put("agent", "nobody"))));
    assertEquals(FailureReason.UNKNOWN_AGENT, unknown.reason());
    assertEquals("r-1", unknown.request().runId(), "read, so its run can be ended and told");
    assertEquals(Optional.empty(), unknown.replySubject());

    Refused late =
        assertInstanceOf(
            Refused.class,
            admission.admitAlone(
                bytes(request().put("deadline", NOW.minus(Duration.ofSeconds(1)).toString()))));
    assertEquals(FailureReason.DEADLINE_EXCEEDED, late.reason());
  }

  private static byte[] bytes(JsonObject request) {
    return bytes(request.encode());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Verdict admit(String subject, JsonObject request) {
    return admit(admission, subject, request);
  }

  private static Verdict admit(Admission admission, String subject, JsonObject request) {
    byte[] payload = request.encode().getBytes(StandardCharsets.UTF_8);
    return admission.admit(new Delivery(subject, payload, null, 1, 1, NOW, System.nanoTime()));
  }

  private static JsonObject request() {
    return new JsonObject()
        .put("version", 1)
        .put("runId", "r-1")
        .put("tenant", "acme")
        .put("agent", "support")
        .put(
            "messages",
            new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));
  }

  private static Admission admission(Optional<Set<String>> served) {
    return new Admission(
        262_144,
        subjects(served),
        profiles(),
        new RequestParser(new ObjectMapper()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static TenantSubjects subjects(Optional<Set<String>> served) {
    return new TenantSubjects("agent.requests", "agent.results", "agent.dead-letter", served);
  }

  private static AgentProfiles profiles() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withDefaultValues(
                Map.of(
                    "executor.agents.default.provider", "openai",
                    "executor.agents.default.model", "gpt-test",
                    "executor.agents.support.system-prompt", "You help."))
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
