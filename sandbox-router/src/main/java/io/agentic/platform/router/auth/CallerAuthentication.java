package io.agentic.platform.router.auth;

import io.vertx.core.MultiMap;

/**
 * Decides who the caller is and what it may reach. Credentials come in {@code X-Sandbox-Token} or,
 * when that header is absent, as {@code Authorization: Bearer}; either way they never reach the
 * sandbox.
 */
public interface CallerAuthentication {

  /**
   * Checks the caller's credential alone, before any routing header is read, so that a caller
   * without a valid one gets the same 401 whatever target it names and learns nothing about which
   * namespaces, ports or sandboxes exist or are open.
   *
   * @return what the caller may reach
   * @throws io.agentic.platform.router.problem.ProblemException 401 when the credential is missing
   *     or invalid
   */
  CallerGrant authenticate(MultiMap headers);

  /** Whether the {@code Authorization} header carried the router's credential for this request. */
  boolean consumesAuthorizationHeader(MultiMap headers);
}
