package io.agentic.platform.router.proxy;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.router.access.SandboxVerification;
import io.agentic.platform.router.routing.SandboxTarget;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(UnexpectedFailureTest.Exploding.class)
class UnexpectedFailureTest {

  private static final String BOOM = "a fault of the router's own code";

  public static class Exploding implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(ExplodingVerification.class);
    }
  }

  /** Fails for the sandbox {@code explode} as a bug in the router would. */
  @Alternative
  @Singleton
  public static class ExplodingVerification implements SandboxVerification {
    @Override
    public void check(SandboxTarget target) {
      if (target.id().equals("explode")) {
        throw new IllegalStateException(BOOM);
      }
    }

    @Override
    public boolean ready() {
      return true;
    }
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  void anUnexpectedExceptionIsAnswered500AndLoggedOnce() throws Exception {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
              if (BOOM.equals(t.getMessage())) {
                logged.add(record);
                return;
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(router.toURI().resolve("/x"))
                      .header("X-Sandbox-ID", "explode")
                      .header("X-Sandbox-Namespace", "team-a")
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertProblem(response, 500).typeEndsWith("/internal-error");
      assertTrue(!response.body().contains(BOOM), response.body());
      assertEquals(1, logged.size(), "log records: " + logged.size());
      assertTrue(logged.get(0).getLevel().intValue() >= Level.SEVERE.intValue());
    } finally {
      root.removeHandler(capture);
    }
  }
}
