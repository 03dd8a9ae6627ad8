package io.agentic.platform.agentctl.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure of a command is one line on standard error, {@code agentctl: <what is wrong>}, with
 * the exit code of {@link ExitCodes}: never a usage page for a typo, never a stack trace.
 */
@ApplicationScoped
public class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Produces
  CommandLine commandLine(PicocliCommandLineFactory factory) {
    return factory.create().setExecutionExceptionHandler(this).setParameterExceptionHandler(this);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    command.getErr().println("agentctl: " + e.getMessage() + " (see '" + name + " --help')");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof CliFailure failure) {
      err.println("agentctl: " + failure.getMessage());
      return failure.exitCode();
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println("agentctl: interrupted");
      return 130;
    }
    err.println("agentctl: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    return ExitCodes.NOT_SUCCEEDED;
  }
}
