package io.agentic.platform.memory.fake;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;

/** Mints tokens the way the platform's Keycloak does: issuer, agent-gateway audience, tenant. */
public final class Tokens {

  private Tokens() {}

  public static String forTenant(String tenant) {
    return sign(claims().claim("tenant", tenant));
  }

  /** Claims of a valid token without a tenant; tests add or change what they need. */
  public static JwtClaimsBuilder claims() {
    return Jwt.issuer(FakeIssuer.ISSUER)
        .audience("agent-gateway")
        .subject("agent-7")
        .expiresIn(300);
  }

  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId(FakeIssuer.KEY_ID).sign(issuerKey());
  }

  public static PrivateKey issuerKey() {
    String encoded = ConfigProvider.getConfig().getValue("fake.issuer.private-key", String.class);
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
    } catch (Exception e) {
      throw new IllegalStateException("the issuer key could not be read", e);
    }
  }
}
