package io.agentic.platform.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.llm.Completion;
import io.agentic.platform.executor.request.AgentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** The JSON text of result events and dead-letter records (docs/agent-requests.md). */
@ApplicationScoped
public class ResultEvents {

  private final ObjectMapper mapper;
  private final NatsConfig nats;
  private final Clock clock;

  ResultEvents(ObjectMapper mapper, NatsConfig nats, Clock clock) {
    this.mapper = mapper;
    this.nats = nats;
    this.clock = clock;
  }

  String succeeded(
      AgentRequest request,
      Completion completion,
      Delivery delivery,
      Instant startedAt,
      long llmMs,
      int attempt) {
    return json(
        new ResultEvent(
            ResultEvent.VERSION,
            request.runId(),
            request.tenant(),
            request.agent(),
            request.sessionId().orElse(null),
            RunStatus.SUCCEEDED.value(),
            completion.text(),
            completion.model(),
            new ResultEvent.Usage(completion.inputTokens(), completion.outputTokens()),
            timings(delivery, startedAt, llmMs),
            null,
            attempt));
  }

  String error(
      AgentRequest request,
      RunStatus status,
      FailureReason reason,
      String detail,
      Delivery delivery,
      int attempts) {
    return json(
        new ResultEvent(
            ResultEvent.VERSION,
            request.runId(),
            request.tenant(),
            request.agent(),
            request.sessionId().orElse(null),
            status.value(),
            null,
            null,
            null,
            timings(delivery, null, null),
            new ResultEvent.Error(reason.code(), detail),
            attempts));
  }

  String deadLetter(
      Delivery delivery,
      Optional<String> tenant,
      String runId,
      FailureReason reason,
      String detail) {
    return json(
        new DeadLetter(
            DeadLetter.VERSION,
            reason.code(),
            detail,
            runId,
            tenant.orElse(null),
            nats.stream(),
            nats.consumer(),
            delivery.streamSequence(),
            delivery.deliveredCount(),
            clock.instant(),
            Base64.getEncoder().encodeToString(delivery.payload())));
  }

  private ResultEvent.Timings timings(Delivery delivery, Instant startedAt, Long llmMs) {
    Instant now = clock.instant();
    return new ResultEvent.Timings(
        delivery.pickedUpAt(),
        startedAt,
        now,
        llmMs,
        Duration.between(delivery.pickedUpAt(), now).toMillis());
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
