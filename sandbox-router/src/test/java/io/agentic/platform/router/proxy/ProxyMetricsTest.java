package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProxyMetrics metrics = new ProxyMetrics(registry);

  @Test
  void countsRequestsByMethodAndStatusClass() {
    metrics.requestCompleted("GET", 200, Duration.ofMillis(3));
    metrics.requestCompleted("GET", 204, Duration.ofMillis(5));
    metrics.requestCompleted("POST", 503, Duration.ofMillis(7));

    assertEquals(2, requests("GET", "2xx").count());
    assertEquals(
        Duration.ofMillis(8).toNanos(),
        (long) requests("GET", "2xx").totalTime(TimeUnit.NANOSECONDS));
    assertEquals(1, requests("POST", "5xx").count());
  }

  @Test
  void clientChosenMethodsAndOddStatusesShareBoundedSeries() {
    metrics.requestCompleted("BREW", 200, Duration.ofMillis(1));
    metrics.requestCompleted("PROPFIND", 200, Duration.ofMillis(1));
    metrics.requestCompleted("GET", 99, Duration.ofMillis(1));
    metrics.requestCompleted("GET", 600, Duration.ofMillis(1));

    assertEquals(2, requests("OTHER", "2xx").count());
    assertEquals(2, requests("GET", "other").count());
    assertEquals(2, registry.find("router.requests").timers().size());
  }

  private Timer requests(String method, String status) {
    return registry.get("router.requests").tag("method", method).tag("status", status).timer();
  }
}
