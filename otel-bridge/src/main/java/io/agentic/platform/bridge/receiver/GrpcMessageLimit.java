package io.agentic.platform.bridge.receiver;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Gives the gRPC server's inbound message limit the value of {@code bridge.receiver.max-body-size},
 * so one setting bounds both receivers. The gRPC key takes a number of bytes only; the bridge's key
 * is a memory size ({@code 4M}, {@code 512K} or bytes), converted here. A gRPC limit set explicitly
 * is kept.
 */
public class GrpcMessageLimit implements ConfigSourceInterceptor {

  private static final String GRPC_KEY = "quarkus.grpc.server.max-inbound-message-size";
  private static final String BRIDGE_KEY = "bridge.receiver.max-body-size";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (value != null || !GRPC_KEY.equals(name)) {
      return value;
    }
    ConfigValue size = context.proceed(BRIDGE_KEY);
    if (size == null || size.getValue() == null) {
      return null;
    }
    long bytes = new MemorySizeConverter().convert(size.getValue()).asLongValue();
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          BRIDGE_KEY + " (" + size.getValue() + ") must be below 2G, the most gRPC takes");
    }
    return size.from().withName(GRPC_KEY).withValue(Long.toString(bytes)).build();
  }
}
