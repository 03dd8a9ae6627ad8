package io.agentic.platform.bridge.receiver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** At shutdown the receivers wait for the requests being read, and take no new ones. */
class ReceiveLimitClosingTest {

  @Test
  void closingWaitsForTheRequestsBeingReadThenRefusesEveryOther() throws Exception {
    ReceiveLimit limit = new ReceiveLimit(2);
    assertTrue(limit.tryAcquire()); // a request being read
    CountDownLatch closing = new CountDownLatch(1);
    CompletableFuture<Boolean> closed =
        CompletableFuture.supplyAsync(
            () -> {
              closing.countDown();
              try {
                return limit.closeAndAwait(Duration.ofSeconds(10));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(closing.await(5, TimeUnit.SECONDS));
    assertFalse(closed.isDone(), "closed while a request was still being read");
    limit.release();
    assertTrue(closed.get(5, TimeUnit.SECONDS));
    assertFalse(limit.tryAcquire(), "a request was taken after the receivers closed");
  }

  @Test
  void closingGivesUpAfterItsTimeout() throws Exception {
    ReceiveLimit limit = new ReceiveLimit(1);
    assertTrue(limit.tryAcquire()); // a request that never ends
    assertFalse(limit.closeAndAwait(Duration.ofMillis(100)));
  }
}
