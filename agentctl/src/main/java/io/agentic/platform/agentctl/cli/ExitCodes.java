package io.agentic.platform.agentctl.cli;

/** The exit codes of every agentctl command; scripts branch on them. */
public final class ExitCodes {

  /** What was asked happened (a request: the run succeeded). */
  public static final int OK = 0;

  /**
   * The suite answered, but not with success: a run failed or was dead-lettered, a call refused.
   */
  public static final int NOT_SUCCEEDED = 1;

  /** The command line is wrong: an unknown option, a missing or invalid value. */
  public static final int USAGE = 2;

  /** No answer within the time the command waits. */
  public static final int TIMEOUT = 3;

  /** The suite could not be reached: NATS or the gateway down, no stream for the subject. */
  public static final int UNAVAILABLE = 4;

  private ExitCodes() {}
}
