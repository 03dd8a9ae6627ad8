package io.agentic.platform.agentctl.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** The version Quarkus built the application with. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("unknown");
    return new String[] {"agentctl " + version};
  }
}
