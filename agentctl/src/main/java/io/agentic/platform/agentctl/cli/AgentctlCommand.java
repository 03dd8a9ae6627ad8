package io.agentic.platform.agentctl.cli;

import io.agentic.platform.agentctl.lag.LagCommand;
import io.agentic.platform.agentctl.memory.MemoryCommand;
import io.agentic.platform.agentctl.request.RequestCommand;
import io.agentic.platform.agentctl.results.ResultsCommand;
import io.agentic.platform.agentctl.run.RunCommand;
import io.agentic.platform.agentctl.token.TokenCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(
    name = "agentctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The command-line client of the agentic platform.",
    subcommands = {
      RequestCommand.class,
      ResultsCommand.class,
      LagCommand.class,
      TokenCommand.class,
      MemoryCommand.class,
      RunCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done (request: the run succeeded)",
      "  1  the run failed or was dead-lettered, or a service refused the call",
      "  2  bad usage",
      "  3  no answer in time",
      "  4  NATS, the memory-gateway or the Kubernetes API could not be reached, or no stream"
          + " takes the subject"
    })
public class AgentctlCommand {}
