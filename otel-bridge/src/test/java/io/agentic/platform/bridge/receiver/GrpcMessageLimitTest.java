package io.agentic.platform.bridge.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrpcMessageLimitTest {

  private static final String GRPC = "quarkus.grpc.server.max-inbound-message-size";
  private static final String BRIDGE = "bridge.receiver.max-body-size";

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withInterceptors(new GrpcMessageLimit())
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build();
  }

  @ParameterizedTest
  @CsvSource({"4M, 4194304", "512K, 524288", "1048576, 1048576", "1G, 1073741824"})
  void theGrpcLimitIsTheBodyLimitInBytes(String size, int bytes) {
    assertEquals(bytes, config(Map.of(BRIDGE, size)).getValue(GRPC, Integer.class));
  }

  @Test
  void aGrpcLimitSetItselfIsKept() {
    assertEquals(1000, config(Map.of(BRIDGE, "4M", GRPC, "1000")).getValue(GRPC, Integer.class));
  }

  @Test
  void withoutABodyLimitGrpcKeepsItsOwnDefault() {
    assertEquals(Optional.empty(), config(Map.of()).getOptionalValue(GRPC, Integer.class));
  }

  @Test
  void aLimitGrpcCannotTakeIsRefusedNamingTheSetting() {
    Exception refused =
        assertThrows(
            Exception.class, () -> config(Map.of(BRIDGE, "3G")).getValue(GRPC, Integer.class));
    assertTrue(refused.getMessage().contains(BRIDGE), refused.getMessage());
  }
}
