package io.agentic.platform.executor.lag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * {@code GET /queue-lag}: the lag as JSON for KEDA's metrics-api scaler ({@code valueLocation:
 * lag}).
 */
@ApplicationScoped
class LagRoute {

  static final String PATH = "/queue-lag";

  private final QueueLag lag;
  private final ObjectMapper mapper;

  LagRoute(QueueLag lag, ObjectMapper mapper) {
    this.lag = lag;
    this.mapper = mapper;
  }

  void register(@Observes Router router) {
    // Reading the lag is a blocking JetStream API call.
    router.get(PATH).blockingHandler(this::answer, false);
  }

  private void answer(RoutingContext ctx) {
    try {
      LagReading reading = lag.current();
      send(
          ctx,
          200,
          "application/json",
          Map.of(
              "stream", reading.stream(),
              "consumer", reading.consumer(),
              "lag", reading.lag(),
              "numPending", reading.numPending(),
              "numAckPending", reading.numAckPending(),
              "readAt", reading.readAt().toString()));
    } catch (QueueLag.LagUnavailable e) {
      send(
          ctx,
          503,
          "application/problem+json",
          Map.of(
              "type",
              "https://agentic.io/problems/agent-executor/lag-unavailable",
              "title",
              "Queue lag unavailable",
              "status",
              503,
              "detail",
              e.getMessage()));
    }
  }

  private void send(RoutingContext ctx, int status, String type, Map<String, Object> body) {
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", type)
          .putHeader("Cache-Control", "no-store")
          .end(mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
