package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutSweepTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void checksEveryMemberOnceEvenWhenMembersLeaveDuringTheCheck() throws Exception {
    onEventLoop(
        () -> {
          TimeoutSweep sweep = TimeoutSweep.start(vertx, Duration.ofHours(1));
          List<Member> members = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            // Every third member times out and leaves during its check.
            Member member =
                new Member(i % 3 == 0 ? (self, now) -> sweep.leave(self) : (self, now) -> {});
            members.add(member);
            sweep.join(member);
          }
          sweep.check(1);
          members.forEach(member -> assertEquals(1, member.checks));
          assertEquals(66, sweep.size());
          sweep.check(2);
          for (int i = 0; i < members.size(); i++) {
            assertEquals(i % 3 == 0 ? 1 : 2, members.get(i).checks, "member " + i);
          }
          sweep.stop();
        });
  }

  @Test
  void aMemberThatEndsAnotherOneDuringItsCheckSkipsNobody() throws Exception {
    onEventLoop(
        () -> {
          TimeoutSweep sweep = TimeoutSweep.start(vertx, Duration.ofHours(1));
          Member first = new Member((self, now) -> {});
          Member second = new Member((self, now) -> {});
          Member third = new Member((self, now) -> {});
          // Checked first (from the last slot down), it ends the first member and so moves into
          // the first slot itself, where it is checked a second time, harmlessly.
          Member ending = new Member((self, now) -> sweep.leave(first));
          List.of(first, second, third, ending).forEach(sweep::join);
          sweep.check(1);
          assertEquals(0, first.checks);
          assertEquals(1, second.checks);
          assertEquals(1, third.checks);
          assertEquals(2, ending.checks);
          assertEquals(3, sweep.size());
          sweep.stop();
        });
  }

  @Test
  void joiningOrLeavingTwiceChangesNothing() throws Exception {
    onEventLoop(
        () -> {
          TimeoutSweep sweep = TimeoutSweep.start(vertx, Duration.ofHours(1));
          Member member = new Member((self, now) -> {});
          Member stranger = new Member((self, now) -> {});
          sweep.join(member);
          sweep.join(member);
          assertEquals(1, sweep.size());
          sweep.leave(stranger);
          sweep.leave(member);
          sweep.leave(member);
          assertEquals(0, sweep.size());
          assertEquals(-1, member.sweepSlot());
          sweep.check(1);
          assertEquals(0, member.checks);
          sweep.stop();
        });
  }

  @Test
  void checksPeriodicallyOnItsEventLoopAtAQuarterOfTheShortestTimeout() throws Exception {
    CountDownLatch checked = new CountDownLatch(4);
    CompletableFuture<Thread> loop = new CompletableFuture<>();
    CompletableFuture<TimeoutSweep> started = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> {
          loop.complete(Thread.currentThread());
          TimeoutSweep sweep = TimeoutSweep.start(vertx, Duration.ofMillis(200));
          sweep.join(
              new Member(
                  (self, now) -> {
                    assertEquals(loop.join(), Thread.currentThread());
                    checked.countDown();
                  }));
          started.complete(sweep);
        });
    long began = System.nanoTime();
    assertTrue(checked.await(5, TimeUnit.SECONDS));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    // Four checks 50 ms apart take at least 200 ms.
    assertTrue(elapsedMillis >= 190, "four checks in " + elapsedMillis + " ms");
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> {
          started.join().stop();
          stopped.complete(null);
        });
    stopped.get(5, TimeUnit.SECONDS);
  }

  private void onEventLoop(Runnable body) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> {
          try {
            body.run();
            done.complete(null);
          } catch (Throwable failure) {
            done.completeExceptionally(failure);
          }
        });
    done.get(10, TimeUnit.SECONDS);
  }

  private static final class Member implements TimeoutSweep.Timed {

    private final ObjLongConsumer<Member> onCheck;
    private int slot = -1;
    private int checks;

    Member(ObjLongConsumer<Member> onCheck) {
      this.onCheck = onCheck;
    }

    @Override
    public void checkTimeouts(long nowNanos) {
      checks++;
      onCheck.accept(this, nowNanos);
    }

    @Override
    public int sweepSlot() {
      return slot;
    }

    @Override
    public void sweepSlot(int slot) {
      this.slot = slot;
    }
  }
}
