package io.agentic.platform.executor.probe;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Supplier;

/**
 * Serves liveness at {@code /health} and readiness at {@code /ready}: the paths the AgentExecutor
 * Deployment probes. The answers are the SmallRye Health reports that {@code /q/health/live} and
 * {@code /q/health/ready} also serve, so both sets of paths always agree.
 */
@ApplicationScoped
class ProbeRoutes {

  private final SmallRyeHealthReporter reporter;

  ProbeRoutes(SmallRyeHealthReporter reporter) {
    this.reporter = reporter;
  }

  void register(@Observes Router router) {
    // Health checks may block (a database ping), so they never run on the event loop.
    router.get("/health").blockingHandler(ctx -> respond(ctx, reporter::getLivenessAsync), false);
    router.get("/ready").blockingHandler(ctx -> respond(ctx, reporter::getReadinessAsync), false);
  }

  private static void respond(RoutingContext ctx, Supplier<Uni<SmallRyeHealth>> report) {
    report
        .get()
        .subscribe()
        .with(
            health ->
                ctx.response()
                    .setStatusCode(health.isDown() ? 503 : 200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(health.getPayload().toString()),
            ctx::fail);
  }
}
