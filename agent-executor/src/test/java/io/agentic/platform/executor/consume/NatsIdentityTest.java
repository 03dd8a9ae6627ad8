package io.agentic.platform.executor.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.testsupport.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a NATS operator hands out identity, against real nats-servers started with those
 * configurations: the executor connects with the right files and is refused, with the server's
 * reason, with wrong ones.
 */
class NatsIdentityTest {

  static Vertx vertx;
  @TempDir Path files;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void aUserAndPasswordFromTheCredentialsDirectoryConnect() throws Exception {
    try (NatsServerProcess server =
        NatsServerProcess.start(accounts(NKey.createUser(new SecureRandom())))) {
      write("username", "executor\n");
      write("password", "exec-pass\n");
      assertConnects(server.url(), Map.of("nats.credentials-dir", files.toString()));
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithTheServersReason() throws Exception {
    try (NatsServerProcess server =
        NatsServerProcess.start(accounts(NKey.createUser(new SecureRandom())))) {
      write("username", "executor");
      write("password", "not-the-password");
      IOException refused =
          assertThrows(
              IOException.class,
              () -> connect(server.url(), Map.of("nats.credentials-dir", files.toString())));
      assertTrue(refused.getMessage().contains("Authorization Violation"), refused.getMessage());
    }
  }

  @Test
  void anNkeySeedFileConnects() throws Exception {
    NKey user = NKey.createUser(new SecureRandom());
    try (NatsServerProcess server = NatsServerProcess.start(accounts(user))) {
      Path seed = write("nkey", new String(user.getSeed()));
      assertConnects(server.url(), Map.of("nats.nkey-file", seed.toString()));
    }
  }

  @Test
  void aTokenFileConnects() throws Exception {
    try (NatsServerProcess server =
        NatsServerProcess.start("port: {port}\nauthorization { token: \"t0ken-s3cret\" }\n")) {
      write("token", "t0ken-s3cret\n");
      assertConnects(server.url(), Map.of("nats.credentials-dir", files.toString()));
    }
  }

  @Test
  void aCredsFileOfDecentralizedAuthConnects() throws Exception {
    SecureRandom random = new SecureRandom();
    NKey operator = NKey.createOperator(random);
    NKey account = NKey.createAccount(random);
    NKey user = NKey.createUser(random);
    String operatorJwt =
        jwt(operator, operator, "operator", "{\"type\":\"operator\",\"version\":2}");
    String accountJwt =
        jwt(
            operator,
            account,
            "tenants",
            "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,"
                + "\"payload\":-1,\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,"
                + "\"leaf\":-1}}");
    String userJwt =
        JwtUtils.issueUserJWT(
            account,
            new String(account.getPublicKey()),
            new String(user.getPublicKey()),
            "executor");
    String creds =
        "-----BEGIN NATS USER JWT-----\n"
            + userJwt
            + "\n------END NATS USER JWT------\n\n"
            + "-----BEGIN USER NKEY SEED-----\n"
            + new String(user.getSeed())
            + "\n------END USER NKEY SEED------\n";
    try (NatsServerProcess server =
        NatsServerProcess.start(
            "port: {port}\noperator: "
                + operatorJwt
                + "\nresolver: MEMORY\nresolver_preload: {\n  "
                + new String(account.getPublicKey())
                + ": "
                + accountJwt
                + "\n}\n")) {
      write("nats.creds", creds);
      assertConnects(server.url(), Map.of("nats.credentials-dir", files.toString()));
    }
  }

  @Test
  void tlsWithTheServersCaAndAClientCertificateConnectsAndWithoutTheCertificateIsRefused()
      throws Exception {
    Certificates certs = Certificates.issue(files);
    try (NatsServerProcess server =
        NatsServerProcess.start(
            "port: {port}\ntls {\n  cert_file: \""
                + certs.serverCert()
                + "\"\n  key_file: \""
                + certs.serverKey()
                + "\"\n  ca_file: \""
                + certs.ca()
                + "\"\n  verify: true\n}\n")) {
      Path dir = Files.createDirectory(files.resolve("secret"));
      Files.copy(certs.ca(), dir.resolve("ca.crt"));
      Files.copy(certs.clientCert(), dir.resolve("tls.crt"));
      Files.copy(certs.clientKey(), dir.resolve("tls.key"));
      assertConnects(server.url("tls"), Map.of("nats.credentials-dir", dir.toString()));

      Files.delete(dir.resolve("tls.crt"));
      Files.delete(dir.resolve("tls.key"));
      assertThrows(
          IOException.class,
          () -> connect(server.url("tls"), Map.of("nats.credentials-dir", dir.toString())));
    }
  }

  @Test
  void conflictingOrUnreadableSettingsAreNamedBeforeAnyConnection() {
    Map<String, String> settings = new HashMap<>();
    settings.put("nats.token-file", files.resolve("missing-token").toString());
    settings.put("nats.password-file", files.resolve("missing-password").toString());
    settings.put("nats.tls.cert-file", files.resolve("client.crt").toString());
    List<String> problems = identity("nats://127.0.0.1:1", settings).problems();
    assertTrue(
        problems.contains("NATS_TOKEN_FILE cannot be read: " + files.resolve("missing-token")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("not several")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("no user")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("go together")), problems.toString());
  }

  private void assertConnects(String url, Map<String, String> settings) throws Exception {
    try (Connection connection = connect(url, settings)) {
      assertEquals(Connection.Status.CONNECTED, connection.getStatus());
      connection.flush(Duration.ofSeconds(2));
    }
  }

  private Connection connect(String url, Map<String, String> settings) throws Exception {
    NatsIdentity identity = identity(url, settings);
    assertEquals(List.of(), identity.problems());
    Options options =
        identity
            .apply(
                new Options.Builder()
                    .server(url)
                    .maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .errorListener(new io.nats.client.ErrorListener() {}))
            .build();
    return Nats.connect(options);
  }

  private static NatsIdentity identity(String url, Map<String, String> settings) {
    Map<String, String> values = new HashMap<>(settings);
    values.put("nats.url", url);
    NatsConfig config =
        new SmallRyeConfigBuilder()
            .withDefaultValues(values)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withConverter(Path.class, 200, new PathConverter())
            .withMapping(NatsConfig.class)
            .build()
            .getConfigMapping(NatsConfig.class);
    return new NatsIdentity(config, vertx);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(files.resolve(name), content);
  }

  private static String jwt(NKey signer, NKey subject, String name, String natsClaim)
      throws Exception {
    JsonSerializable claim = () -> natsClaim;
    // Issuer given explicitly: without it the claims carry no "iss" and the server refuses them.
    return JwtUtils.issueJWT(
        signer,
        new String(subject.getPublicKey()),
        name,
        null,
        JwtUtils.currentTimeSeconds(),
        new String(signer.getPublicKey()),
        null,
        claim);
  }

  /** One account with JetStream: a password user, an NKey user, and a user allowed nothing. */
  static String accounts(NKey nkeyUser) throws Exception {
    return ACCOUNTS.replace("{nkey}", new String(nkeyUser.getPublicKey()));
  }

  private static final String ACCOUNTS =
      """
      port: {port}
      jetstream { store_dir: "{store}" }
      accounts {
        AGENTS {
          jetstream: enabled
          users: [
            { user: executor, password: "exec-pass" }
            { nkey: "{nkey}" }
            { user: limited, password: "lim-pass",
              permissions: { publish: { deny: ">" }, subscribe: { deny: ">" } } }
          ]
        }
      }
      """;

  /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
  record Certificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    static Certificates issue(Path dir) throws Exception {
      run(
          dir,
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=test-ca",
          "-keyout",
          "ca.key",
          "-out",
          "ca.crt");
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      for (String who : List.of("server", "client")) {
        // -traditional writes PKCS#1 ("RSA PRIVATE KEY"), what cert-manager writes by default.
        run(dir, "openssl", "genrsa", "-traditional", "-out", who + ".key", "2048");
        run(
            dir,
            "openssl",
            "req",
            "-new",
            "-key",
            who + ".key",
            "-subj",
            "/CN=" + who,
            "-out",
            who + ".csr");
        run(
            dir,
            "openssl",
            "x509",
            "-req",
            "-in",
            who + ".csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "san.ext",
            "-out",
            who + ".crt");
      }
      return new Certificates(
          dir.resolve("ca.crt"),
          dir.resolve("server.crt"),
          dir.resolve("server.key"),
          dir.resolve("client.crt"),
          dir.resolve("client.key"));
    }

    private static void run(Path dir, String... command) throws Exception {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    }
  }
}
