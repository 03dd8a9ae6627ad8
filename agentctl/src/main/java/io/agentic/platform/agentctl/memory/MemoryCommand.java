package io.agentic.platform.agentctl.memory;

import picocli.CommandLine.Command;

@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = "Stores and searches long-term memories through the memory-gateway.",
    subcommands = {MemorySearchCommand.class, MemoryStoreCommand.class})
public class MemoryCommand {}
