package io.agentic.platform.memory.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Test-only endpoints that fail the way a bug would, one in the REST layer and one in a plain
 * Vert.x route, so the tests can check that neither answer gives anything internal away.
 */
@Path("/test-only/rest-failure")
public class FailingEndpoints {

  static final String SECRET = "jdbc:secret-internal-detail";

  @POST
  public String fail() {
    throw new IllegalStateException(SECRET);
  }

  void route(@Observes Router router) {
    router
        .post("/test-only/route-failure")
        .handler(
            ctx -> {
              throw new IllegalStateException(SECRET);
            });
  }
}
