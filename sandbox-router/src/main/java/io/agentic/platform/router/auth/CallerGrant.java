package io.agentic.platform.router.auth;

import io.agentic.platform.router.routing.SandboxTarget;

/** What an authenticated caller may reach. */
@FunctionalInterface
public interface CallerGrant {

  /** Every target the router itself allows. */
  CallerGrant ANY_TARGET = target -> {};

  /**
   * Throws a {@link io.agentic.platform.router.problem.ProblemException} (403) when the caller may
   * not reach the target.
   */
  void authorize(SandboxTarget target);
}
