package io.agentic.platform.router.auth;

import io.vertx.core.MultiMap;

/** Every caller may reach every allowed target; the Authorization header passes through. */
final class NoAuthentication implements CallerAuthentication {

  @Override
  public CallerGrant authenticate(MultiMap headers) {
    return CallerGrant.ANY_TARGET;
  }

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return false;
  }
}
