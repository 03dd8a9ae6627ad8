package io.agentic.platform.router.proxy;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;

/**
 * The timeouts of the exchanges in progress on one event loop, checked together by one periodic
 * timer. Arming and cancelling timers for every request (one per timeout, three per request) cost
 * the router about a twentieth of its CPU; joining and leaving this sweep costs an array slot. Each
 * check asks every exchange whether one of its timeouts ran out, so a timeout fires up to one
 * period after it was due.
 *
 * <p>Used only from its event loop, like the exchanges it holds.
 */
final class TimeoutSweep {

  /** Something with timeouts, checked once per period while it is in the sweep. */
  interface Timed {

    /** Acts on whatever timed out by {@code nowNanos} ({@link System#nanoTime()}). */
    void checkTimeouts(long nowNanos);

    /** Where the sweep keeps it; -1 while it is not in the sweep. */
    int sweepSlot();

    void sweepSlot(int slot);
  }

  private static final Duration LONGEST_PERIOD = Duration.ofMillis(100);

  private final Vertx vertx;
  private final long timer;
  private Timed[] members = new Timed[64];
  private int size;

  private TimeoutSweep(Vertx vertx, Duration period) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(period.toMillis(), id -> check(System.nanoTime()));
  }

  /**
   * Starts a sweep on the event loop of the calling verticle, checking often enough that no timeout
   * fires later than a quarter of the shortest one (and at most every 100 ms).
   */
  static TimeoutSweep start(Vertx vertx, Duration shortestTimeout) {
    Duration quarter = shortestTimeout.dividedBy(4);
    Duration period = quarter.compareTo(LONGEST_PERIOD) < 0 ? quarter : LONGEST_PERIOD;
    return new TimeoutSweep(vertx, period.toMillis() < 1 ? Duration.ofMillis(1) : period);
  }

  void join(Timed member) {
    if (member.sweepSlot() >= 0) {
      return;
    }
    if (size == members.length) {
      members = Arrays.copyOf(members, size * 2);
    }
    members[size] = member;
    member.sweepSlot(size++);
  }

  /** Removes a member; leaving twice, or without having joined, does nothing. */
  void leave(Timed member) {
    int slot = member.sweepSlot();
    if (slot < 0) {
      return;
    }
    // The last member moves into the freed slot, so no slot stays empty.
    Timed last = members[--size];
    members[slot] = last;
    last.sweepSlot(slot);
    members[size] = null;
    member.sweepSlot(-1);
  }

  int size() {
    return size;
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /**
   * Checks from the last slot down. A member that leaves during a check is replaced by the last
   * member, which has been checked already: nobody is skipped, and a member checked twice only
   * finds again what it found the first time.
   */
  void check(long nowNanos) {
    for (int slot = size - 1; slot >= 0; slot--) {
      if (slot < size) {
        members[slot].checkTimeouts(nowNanos);
      }
    }
  }
}
