package io.agentic.platform.agentctl.nats;

/** The platform's per-tenant subject layout (docs/agent-requests.md). */
public final class Subjects {

  private Subjects() {}

  public static String requests(String tenant) {
    return "agent.requests." + tenant;
  }

  public static String results(String tenant) {
    return "agent.results." + tenant;
  }

  /** The reply subject of one run: below the tenant's results, so NATS permissions cover it. */
  public static String resultOfRun(String tenant, String runId) {
    return results(tenant) + "." + runId.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
