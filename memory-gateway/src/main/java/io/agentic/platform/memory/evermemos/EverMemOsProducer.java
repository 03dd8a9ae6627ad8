package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.memory.MemoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the adapter for the EverMemOS API version the configuration names. */
class EverMemOsProducer {

  @Produces
  @ApplicationScoped
  EverMemOs everMemOs(MemoryConfig config, UpstreamClient upstream, ObjectMapper json) {
    return switch (config.evermemos().api()) {
      case CURRENT -> new CurrentApi(upstream, json);
      case V1 -> new V1Api(upstream, json);
    };
  }
}
