package io.agentic.platform.agentctl.cli;

/**
 * Ends a command with one line of explanation and an exit code from {@link ExitCodes}. It carries
 * no stack trace: it reports a situation the user can act on, not a fault of the program.
 */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, message);
  }

  public static CliFailure unavailable(String message) {
    return new CliFailure(ExitCodes.UNAVAILABLE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
