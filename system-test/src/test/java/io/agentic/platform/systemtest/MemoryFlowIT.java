package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow 3: a run stores its turn through the memory-gateway into EverMemOS (the stand-in); the next
 * run of the session recalls it, and another tenant's run, same user and session ids, recalls
 * nothing of it.
 */
@ExtendWith(SuiteExtension.class)
class MemoryFlowIT {

  private static final String RECALL_HEADER = "Memories from earlier conversations with this user";

  @Test
  void aStoredTurnIsRecalledInTheSessionAndNeverByAnotherTenant(LocalSuite suite) throws Exception {
    String tenant = "mem-" + UUID.randomUUID().toString().substring(0, 8);
    String otherTenant = "other-" + UUID.randomUUID().toString().substring(0, 8);
    // A code no tenant name, run id or session id contains.
    String tag = "code" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String fact = "my parcel locker code is " + tag;

    Agentctl.Outcome first =
        Agentctl.request(
            suite,
            tenant,
            "--agent=support",
            "--session=s-1",
            "--user=u-1",
            "--memory",
            "Remember: " + fact);
    assertEquals(0, first.exitCode(), first.output());
    assertFalse(first.output().contains(RECALL_HEADER), first.output());

    Agentctl.Outcome second =
        Agentctl.request(
            suite,
            tenant,
            "--agent=support",
            "--session=s-1",
            "--user=u-1",
            "--memory",
            "What is my parcel locker code?");
    assertEquals(0, second.exitCode(), second.output());
    String answer = second.output();
    int recalled = answer.indexOf(RECALL_HEADER);
    assertTrue(recalled > 0, "nothing recalled:\n" + answer);
    assertTrue(answer.indexOf(fact, recalled) > 0, "the stored turn was not recalled:\n" + answer);

    Agentctl.Outcome stranger =
        Agentctl.request(
            suite,
            otherTenant,
            "--agent=support",
            "--session=s-1",
            "--user=u-1",
            "--memory",
            "What is my parcel locker code?");
    assertEquals(0, stranger.exitCode(), stranger.output());
    assertFalse(stranger.output().contains(RECALL_HEADER), stranger.output());
    assertFalse(stranger.output().contains(tag), stranger.output());
  }
}
