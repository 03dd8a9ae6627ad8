package io.agentic.platform.agentctl.cli;

import java.util.regex.Pattern;

/**
 * The id rules of docs/agent-requests.md, and the NATS names and subjects a command is given,
 * checked before anything is sent.
 */
public final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  private static final Pattern PUBLISH_SUBJECT =
      Pattern.compile("[^\\s.*>\\p{Cntrl}]+(\\.[^\\s.*>\\p{Cntrl}]+)*");

  private static final Pattern NATS_NAME = Pattern.compile("[^\\s.*>/\\\\\\p{Cntrl}]{1,255}");

  private Ids() {}

  /** An id of a request: 1-128 letters, digits and {@code . _ : @ -}, starting alphanumeric. */
  public static String require(String option, String value) {
    return matching(
        ID,
        option,
        value,
        "is not a valid id (1-128 letters, digits and . _ : @ -, starting with a letter or digit)");
  }

  /**
   * A tenant, which also names NATS subjects ({@code agent.requests.<tenant>}), so it may not hold
   * a dot: a dot would put its requests under another subject hierarchy.
   */
  public static String requireTenant(String value) {
    require("--tenant", value);
    if (value.indexOf('.') >= 0) {
      throw CliFailure.usage(
          "--tenant '" + value + "' contains a '.', which cannot be part of a NATS subject token");
    }
    return value;
  }

  /**
   * A JetStream stream or consumer name: NATS puts it in the subject of its API call, so it may not
   * be empty nor hold whitespace, {@code . * >}, path separators or control characters (a request
   * on such a subject is never answered).
   */
  public static String requireNatsName(String option, String value) {
    return matching(
        NATS_NAME,
        option,
        value,
        "is not a NATS name (1-255 characters, none of them whitespace, . * > / \\ or control"
            + " characters)");
  }

  /**
   * A subject to publish to: dot-separated tokens, none empty, with no whitespace, control
   * characters or wildcards ({@code *} and {@code >} only match, a publish cannot carry them).
   */
  public static String requirePublishSubject(String option, String value) {
    return matching(
        PUBLISH_SUBJECT,
        option,
        value,
        "is not a subject to publish to (dot-separated tokens, none empty, without whitespace or"
            + " the wildcards * and >)");
  }

  private static String matching(Pattern rule, String option, String value, String otherwise) {
    if (value == null || !rule.matcher(value).matches()) {
      throw CliFailure.usage(option + " '" + value + "' " + otherwise);
    }
    return value;
  }
}
