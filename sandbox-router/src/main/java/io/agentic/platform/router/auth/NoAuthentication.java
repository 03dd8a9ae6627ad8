package io.agentic.platform.router.auth;

import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.MultiMap;

/** Every caller may reach every allowed target; the Authorization header passes through. */
final class NoAuthentication implements CallerAuthentication {

  @Override
  public void authorize(MultiMap headers, SandboxTarget target) {}

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return false;
  }
}
