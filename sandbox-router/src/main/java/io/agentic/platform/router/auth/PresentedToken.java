package io.agentic.platform.router.auth;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.RoutingHeaders;
import io.vertx.core.MultiMap;

/** Finds the token a caller presented to the router. */
final class PresentedToken {

  private static final String BEARER = "bearer ";

  private PresentedToken() {}

  static String from(MultiMap headers) {
    String token = headers.get(RoutingHeaders.TOKEN);
    if (token == null) {
      String authorization = headers.get("Authorization");
      if (authorization != null
          && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        token = authorization.substring(BEARER.length());
      }
    }
    if (token == null || token.isBlank()) {
      throw new ProblemException(
          Problem.unauthenticated(
              "send a token in X-Sandbox-Token or as Authorization: Bearer <token>"));
    }
    return token.strip();
  }

  static boolean inAuthorizationHeader(MultiMap headers) {
    return headers.get(RoutingHeaders.TOKEN) == null;
  }
}
