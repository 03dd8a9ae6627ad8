package io.agentic.platform.memory.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the platform's Keycloak realm: holds an RSA signing key and serves its public half
 * as a JWKS document (RFC 7517), the way the gateway fetches it in production.
 */
public final class FakeIssuer {

  public static final String ISSUER = "https://keycloak.test/realms/agents";
  public static final String KEY_ID = "test-key-1";

  private final Vertx vertx;
  private final KeyPair keys;
  private HttpServer server;

  public FakeIssuer(Vertx vertx) throws Exception {
    this.vertx = vertx;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    this.keys = generator.generateKeyPair();
  }

  public void start() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .response()
                        .putHeader("content-type", "application/json")
                        .end(jwks().encode()))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/protocol/openid-connect/certs";
  }

  /** The private key, PKCS#8 and base64, for tests to sign tokens with. */
  public String privateKeyBase64() {
    return Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
  }

  private JsonObject jwks() {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    return new JsonObject()
        .put(
            "keys",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("kty", "RSA")
                        .put("kid", KEY_ID)
                        .put("use", "sig")
                        .put("alg", "RS256")
                        .put("n", base64Url(key.getModulus()))
                        .put("e", base64Url(key.getPublicExponent()))));
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
