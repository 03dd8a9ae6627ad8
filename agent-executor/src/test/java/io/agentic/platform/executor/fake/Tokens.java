package io.agentic.platform.executor.fake;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** JWT-shaped tokens for tests. The fake gateway and the executor read claims; nobody verifies. */
public final class Tokens {

  private Tokens() {}

  public static String forTenant(String tenant) {
    return withClaims(new JsonObject().put("sub", "agent-executor").put("tenant", tenant));
  }

  public static String withClaims(JsonObject claims) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + encoder.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }
}
