package io.agentic.platform.agentctl.request;

import java.time.Duration;

/** A duration as the user would have typed it. */
final class DurationText {

  private DurationText() {}

  static String of(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
