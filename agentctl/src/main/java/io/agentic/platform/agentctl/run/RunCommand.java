package io.agentic.platform.agentctl.run;

import picocli.CommandLine.Command;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Submits AgentRuns (one-shot agent runs as Kubernetes Jobs) and waits for them.",
    subcommands = {RunSubmitCommand.class})
public class RunCommand {}
