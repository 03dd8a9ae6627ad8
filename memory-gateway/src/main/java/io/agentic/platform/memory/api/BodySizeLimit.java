package io.agentic.platform.memory.api;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.problem.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Answers bodies over the limit with a problem+json 413, and whatever fails outside the REST layer
 * with a problem+json 500. A body whose declared length is over the limit is turned away before any
 * of it is read. A body sent without a length (chunked) is read here, up to the limit, before the
 * REST layer sees it: left to Quarkus's own reader it would be cut off with a bare 413 that the
 * gateway's exception mappers never see. Quarkus REST takes a body read here as it is.
 */
class BodySizeLimit {

  private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);

  void install(@Observes Router router, MemoryConfig config, ProblemResponses problems) {
    long max = config.limits().maxBodyBytes();
    BodyHandler unsized = BodyHandler.create(false).setBodyLimit(max);
    router
        .route()
        // Right after the shutdown refusal (InFlightRequests), before anything reads the body.
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (declared == null) {
                unsized.handle(ctx);
              } else if (tooLong(declared, max)) {
                answer(
                    ctx,
                    problems,
                    Problem.tooLarge(
                        "the request body has "
                            + declared
                            + " bytes, at most "
                            + max
                            + " are accepted"));
              } else {
                ctx.next();
              }
            })
        // Failure handlers run from the first route on, so this one sees every failure of the
        // router: the body handler's 413 and anything a route threw.
        .failureHandler(
            ctx -> {
              if (ctx.response().headWritten()) {
                ctx.next();
              } else if (ctx.statusCode() == 413) {
                answer(
                    ctx, problems, Problem.tooLarge("the request body is over " + max + " bytes"));
              } else if (ctx.statusCode() == -1 || ctx.statusCode() >= 500) {
                // The cause goes to the log only; the caller learns nothing about the internals.
                LOG.error("Unexpected failure while serving a request", ctx.failure());
                answer(ctx, problems, Problem.internalError());
              } else {
                ctx.next();
              }
            });
  }

  private static void answer(RoutingContext ctx, ProblemResponses problems, Problem problem) {
    // The rest of an oversized body is not worth reading: the connection is not reused.
    problems.send(ctx, problem, problem.status() == 413);
  }

  private static boolean tooLong(String declared, long max) {
    try {
      return Long.parseLong(declared.trim()) > max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
