package io.agentic.platform.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

/**
 * Assertions on the endpoints Kubernetes probes and Prometheus scrapes. They take a URL or a path
 * (resolved by REST Assured against the application a Quarkus test started), so a service checks
 * them wherever it serves them: on its management port, or on its main port as agent-executor does.
 */
public final class HealthAndMetrics {

  /** A metric every JVM reports: present only when the Prometheus registry is wired in. */
  private static final String JVM_METRIC = "jvm_memory_used_bytes";

  private HealthAndMetrics() {}

  /** The health endpoint at {@code url} answers 200 with status UP. */
  public static void assertUp(String url) {
    given().get(url).then().statusCode(200).body("status", equalTo("UP"));
  }

  /**
   * Waits, as Kubernetes does, until the health endpoint at {@code url} answers 200 with status UP
   * (a service may report ready only after warming up), then returns; fails after {@code within}.
   */
  public static void awaitUp(String url, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (given().get(url).then().extract().statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(url + " did not turn UP within " + within);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + url, e);
      }
    }
    assertUp(url);
  }

  private static final Duration POLL = Duration.ofMillis(200);

  /** {@code url} serves the Prometheus exposition, JVM metrics included. */
  public static void assertPrometheusMetrics(String url) {
    given().get(url).then().statusCode(200).body(containsString(JVM_METRIC));
  }
}
