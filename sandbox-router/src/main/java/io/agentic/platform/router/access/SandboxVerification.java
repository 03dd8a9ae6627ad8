package io.agentic.platform.router.access;

import io.agentic.platform.router.routing.SandboxTarget;

/** Decides whether a target is a sandbox the cluster knows, before any connection is opened. */
public interface SandboxVerification {

  /** Throws a problem (404 unknown, 503 not ready) when the target must not be reached. */
  void check(SandboxTarget target);

  /** True once the verification can answer, i.e. its view of the cluster is loaded. */
  boolean ready();
}
