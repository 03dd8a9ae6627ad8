package io.agentic.platform.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StandinPorts.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

  @Inject StandinsConfig config;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void readyOnceEveryStandinListens() {
    HttpResponse<String> response = Http.send(HttpRequest.newBuilder(ready).GET());

    assertEquals(200, response.statusCode(), response.body());
    JsonObject check = Http.json(response).getJsonArray("checks").getJsonObject(0);
    assertEquals("stand-ins", check.getString("name"));
    assertEquals("UP", check.getString("status"));
  }

  @Test
  void everyStandinAnswersHealth() {
    for (int port :
        List.of(
            config.llm().port(),
            config.evermemos().port(),
            config.langfuse().port(),
            config.sandbox().port())) {
      HttpResponse<String> response = Http.get(config, port, "/health");

      assertEquals(200, response.statusCode(), "port " + port);
      assertEquals(new JsonObject().put("status", "ok"), Http.json(response), "port " + port);
    }
  }
}
