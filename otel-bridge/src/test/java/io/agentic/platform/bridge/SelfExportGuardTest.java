package io.agentic.platform.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfExportGuardTest {

  @Test
  void theBridgesOwnPortsOnALocalAddressAreALoop() {
    assertTrue(SelfExportGuard.loopsBack("http://localhost:4317", 4317, 4318));
    assertTrue(SelfExportGuard.loopsBack("http://127.0.0.1:4318/v1/traces", 4317, 4318));
    assertFalse(SelfExportGuard.loopsBack("http://collector.monitoring:4317", 4317, 4318));
    assertFalse(SelfExportGuard.loopsBack("http://localhost:14317", 4317, 4318));
  }

  @Test
  void startingWithTracingIntoItselfFailsWithAMessageNamingTheKey() {
    var error =
        assertThrows(
            IllegalStateException.class,
            () ->
                new SelfExportGuard(false, Optional.empty(), "http://localhost:4317", 4317, 4318));
    assertTrue(error.getMessage().contains("quarkus.otel.exporter.otlp.endpoint"));
    new SelfExportGuard(true, Optional.empty(), "http://localhost:4317", 4317, 4318);
    new SelfExportGuard(
        false, Optional.of("http://tempo:4317"), "http://localhost:4317", 4317, 4318);
  }
}
