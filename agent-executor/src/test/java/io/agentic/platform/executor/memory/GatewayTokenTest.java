package io.agentic.platform.executor.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.fake.Tokens;
import io.agentic.platform.executor.memory.GatewayToken.Bearer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTokenTest {

  static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRotatedTokenFileIsReadAgain() throws Exception {
    Path file = dir.resolve("token");
    String acme = Tokens.forTenant("acme");
    Files.writeString(file, acme + "\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    GatewayToken token = new GatewayToken(Optional.of(file), Optional.empty(), "tenant", MAPPER);
    assertEquals(new Bearer(acme, Optional.of("acme")), token.current().orElseThrow());

    String globex = Tokens.forTenant("globex");
    Files.writeString(file, globex);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:05:00Z")));
    assertEquals(new Bearer(globex, Optional.of("globex")), token.current().orElseThrow());
  }

  @Test
  void aMissingOrEmptyFileIsAnError() throws Exception {
    Path file = dir.resolve("token");
    GatewayToken token = new GatewayToken(Optional.of(file), Optional.empty(), "tenant", MAPPER);
    assertThrows(IOException.class, token::current);
    Files.writeString(file, " \n");
    assertThrows(IOException.class, token::current);
  }

  @Test
  void aFixedTokenAndItsConfiguredClaim() throws Exception {
    String jwt = Tokens.withClaims(new JsonObject().put("org", "acme"));
    assertEquals(
        Optional.of("acme"),
        new GatewayToken(Optional.empty(), Optional.of(jwt), "org", MAPPER)
            .current()
            .orElseThrow()
            .tenant());
    assertEquals(
        Optional.empty(),
        new GatewayToken(Optional.empty(), Optional.of(jwt), "tenant", MAPPER)
            .current()
            .orElseThrow()
            .tenant());
    assertEquals(
        Optional.empty(),
        new GatewayToken(Optional.empty(), Optional.of("opaque-token"), "tenant", MAPPER)
            .current()
            .orElseThrow()
            .tenant());
    assertEquals(
        Optional.empty(),
        new GatewayToken(Optional.empty(), Optional.empty(), "tenant", MAPPER).current());
  }

  @Test
  void theTokenNeverShowsInText() throws Exception {
    String jwt = Tokens.forTenant("acme");
    Bearer bearer =
        new GatewayToken(Optional.empty(), Optional.of(jwt), "tenant", MAPPER)
            .current()
            .orElseThrow();
    assertFalse(bearer.toString().contains(jwt.split("\\.")[1]), bearer.toString());
    assertEquals("Bearer[tenant=acme]", bearer.toString());
  }
}
