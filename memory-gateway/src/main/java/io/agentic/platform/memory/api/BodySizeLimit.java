package io.agentic.platform.memory.api;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.problem.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * Turns away a body whose declared length is over the limit before any of it is read, with a
 * problem+json 413. Bodies sent without a length are cut off by Quarkus's own limit
 * (quarkus.http.limits.max-body-size, set to the same value).
 */
class BodySizeLimit {

  void install(@Observes Router router, MemoryConfig config, ProblemResponses problems) {
    long max = config.limits().maxBodyBytes();
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (declared != null && tooLong(declared, max)) {
                Response problem =
                    problems.render(
                        Problem.tooLarge(
                            "the request body has "
                                + declared
                                + " bytes, at most "
                                + max
                                + " are accepted"));
                ctx.response()
                    .setStatusCode(problem.getStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end((String) problem.getEntity());
                return;
              }
              ctx.next();
            });
  }

  private static boolean tooLong(String declared, long max) {
    try {
      return Long.parseLong(declared.trim()) > max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
