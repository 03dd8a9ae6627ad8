package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow 1: agentctl -> NATS -> agent-executor -> LLM stand-in -> result printed; run and session
 * kept.
 */
@ExtendWith(SuiteExtension.class)
class RequestFlowIT {

  @Test
  void aRequestFromAgentctlIsAnsweredByTheModelAndKept(LocalSuite suite) throws Exception {
    String tenant = "req-" + UUID.randomUUID().toString().substring(0, 8);
    String session = "conv-" + UUID.randomUUID().toString().substring(0, 8);

    Agentctl.Outcome outcome =
        Agentctl.request(
            suite, tenant, "--agent=support", "--session=" + session, "Where is my order 1234?");

    assertEquals(0, outcome.exitCode(), outcome.output());
    String out = outcome.output();
    assertTrue(out.startsWith("succeeded  run "), out);
    assertTrue(out.contains("(tenant " + tenant + ", agent support)"), out);
    // The stand-in model's answer shows the agent profile's system prompt reached it.
    assertTrue(
        out.contains(
            "[local stand-in model] You said: \"Where is my order 1234?\". System messages seen: 1"
                + " (\"You are the support agent of ACME. Answer briefly.\")"),
        out);
    assertTrue(out.matches("(?s).*model gpt-4o-mini · tokens \\d+ in / \\d+ out .*"), out);

    String runId = outcome.runId();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/agentic?currentSchema="
                    + LocalSuite.POSTGRES_SCHEMA,
                "agentic",
                "agentic");
        PreparedStatement select =
            db.prepareStatement(
                "select status, tenant, agent, session_id, output_tokens from runs where run_id = ?")) {
      select.setString(1, runId);
      try (ResultSet row = select.executeQuery()) {
        assertTrue(row.next(), "no row for run " + runId);
        assertEquals("succeeded", row.getString("status"));
        assertEquals(tenant, row.getString("tenant"));
        assertEquals("support", row.getString("agent"));
        assertEquals(session, row.getString("session_id"));
        assertTrue(row.getInt("output_tokens") > 0);
      }
    }
    // The session keeps the turn: the user's message and the answer.
    assertEquals(2, RedisProbe.listLength("agent-executor:session:" + tenant + ":" + session));
  }
}
