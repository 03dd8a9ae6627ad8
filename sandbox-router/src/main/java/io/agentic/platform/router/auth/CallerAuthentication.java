package io.agentic.platform.router.auth;

import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.MultiMap;

/**
 * Decides whether the caller may reach a target. Credentials come in {@code X-Sandbox-Token} or,
 * when that header is absent, as {@code Authorization: Bearer}; either way they never reach the
 * sandbox.
 */
public interface CallerAuthentication {

  /**
   * Throws a {@link io.agentic.platform.router.problem.ProblemException} (401 or 403) when the
   * caller may not reach the target.
   */
  void authorize(MultiMap headers, SandboxTarget target);

  /** Whether the {@code Authorization} header carried the router's credential for this request. */
  boolean consumesAuthorizationHeader(MultiMap headers);
}
