package io.agentic.platform.memory.api;

import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.problem.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * A body sent without a Content-Type is answered 415, as the API promises: the REST layer would
 * otherwise read it as JSON (it answers 415 itself only for a type that is named and not JSON).
 */
class RequiredContentType {

  void install(@Observes Router router, ProblemResponses problems) {
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              if (ctx.request().method() == HttpMethod.POST
                  && ctx.request().getHeader(HttpHeaders.CONTENT_TYPE) == null) {
                Response problem =
                    problems.render(
                        Problem.unsupportedMediaType("send the request body as application/json"));
                ctx.response()
                    .setStatusCode(problem.getStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                    .end((String) problem.getEntity());
                return;
              }
              ctx.next();
            });
  }
}
