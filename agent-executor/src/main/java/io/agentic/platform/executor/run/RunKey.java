package io.agentic.platform.executor.run;

/** A run's identity: the same run id from two tenants names two runs. */
public record RunKey(String tenant, String runId) {}
