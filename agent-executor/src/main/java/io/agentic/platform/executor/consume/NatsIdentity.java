package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.NatsConfig;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Who this executor is to NATS: a credentials file (JWT and NKey), an NKey seed, a user and
 * password, or a token, and TLS with an optional client certificate. Everything comes from files (a
 * mounted Secret), read when a connection is made so that rotated files are picked up, and nothing
 * of it is logged or put in the URL. PEM files are read with Vert.x's PEM support, which takes
 * PKCS#1 and PKCS#8 keys alike (cert-manager writes PKCS#1 by default).
 */
@ApplicationScoped
public class NatsIdentity {

  static final String CREDS = "nats.creds";
  static final String NKEY = "nkey";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String TOKEN = "token";
  static final String CA = "ca.crt";
  static final String CERT = "tls.crt";
  static final String KEY = "tls.key";

  private final NatsConfig config;
  private final Vertx vertx;

  NatsIdentity(NatsConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
  }

  /**
   * Problems with the configured identity, each one sentence naming the setting; empty when fine.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    config
        .credentialsDir()
        .filter(dir -> !Files.isDirectory(dir))
        .ifPresent(dir -> problems.add("NATS_CREDENTIALS_DIR is not a directory: " + dir));
    readable(problems, "NATS_CREDS_FILE", creds());
    readable(problems, "NATS_NKEY_FILE", nkey());
    readable(problems, "NATS_USER_FILE", file(config.userFile(), USERNAME));
    readable(problems, "NATS_PASSWORD_FILE", password());
    readable(problems, "NATS_TOKEN_FILE", token());
    readable(problems, "NATS_TLS_CA_FILE", ca());
    readable(problems, "NATS_TLS_CERT_FILE", cert());
    readable(problems, "NATS_TLS_KEY_FILE", key());
    int ways =
        (creds().isPresent() ? 1 : 0)
            + (nkey().isPresent() ? 1 : 0)
            + (token().isPresent() ? 1 : 0)
            + (password().isPresent() ? 1 : 0);
    if (ways > 1) {
      problems.add(
          "NATS credentials: give one of a creds file, an NKey seed, a user and password, or a"
              + " token, not several");
    }
    if (password().isPresent() && user().isEmpty()) {
      problems.add("NATS_PASSWORD_FILE is set but no user (NATS_USER or NATS_USER_FILE)");
    }
    if (cert().isPresent() != key().isPresent()) {
      problems.add("NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE go together; one of them is missing");
    }
    return problems;
  }

  /** Adds authentication and TLS to connection options; throws when a file cannot be used. */
  Options.Builder apply(Options.Builder options) throws IOException, GeneralSecurityException {
    if (creds().isPresent()) {
      options.authHandler(Nats.credentials(creds().get().toString()));
    } else if (nkey().isPresent()) {
      options.authHandler(Nats.staticCredentials(null, read(nkey().get()).toCharArray()));
    } else if (token().isPresent()) {
      options.token(read(token().get()).toCharArray());
    } else if (password().isPresent()) {
      options.userInfo(user().orElseThrow().toCharArray(), read(password().get()).toCharArray());
    }
    if (ca().isPresent() || cert().isPresent()) {
      options.sslContext(sslContext());
    }
    return options;
  }

  private SSLContext sslContext() throws GeneralSecurityException {
    TrustManagerFactory trust = null;
    if (ca().isPresent()) {
      try {
        trust =
            new PemTrustOptions().addCertPath(ca().get().toString()).getTrustManagerFactory(vertx);
      } catch (Exception e) {
        throw new GeneralSecurityException("NATS_TLS_CA_FILE is not a PEM certificate bundle", e);
      }
    }
    KeyManagerFactory keys = null;
    if (cert().isPresent()) {
      try {
        keys =
            new PemKeyCertOptions()
                .setCertPath(cert().get().toString())
                .setKeyPath(key().orElseThrow().toString())
                .getKeyManagerFactory(vertx);
      } catch (Exception e) {
        throw new GeneralSecurityException(
            "NATS_TLS_CERT_FILE/NATS_TLS_KEY_FILE are not a PEM certificate and key", e);
      }
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keys == null ? null : keys.getKeyManagers(),
        trust == null ? null : trust.getTrustManagers(),
        null);
    return context;
  }

  private Optional<Path> creds() {
    return file(config.credsFile(), CREDS);
  }

  private Optional<Path> nkey() {
    return file(config.nkeyFile(), NKEY);
  }

  private Optional<Path> password() {
    return file(config.passwordFile(), PASSWORD);
  }

  private Optional<Path> token() {
    return file(config.tokenFile(), TOKEN);
  }

  private Optional<Path> ca() {
    return file(config.tls().caFile(), CA);
  }

  private Optional<Path> cert() {
    return file(config.tls().certFile(), CERT);
  }

  private Optional<Path> key() {
    return file(config.tls().keyFile(), KEY);
  }

  private Optional<String> user() {
    if (config.user().isPresent()) {
      return config.user();
    }
    return file(config.userFile(), USERNAME)
        .map(
            path -> {
              try {
                return read(path);
              } catch (IOException e) {
                return null;
              }
            });
  }

  /** The configured file, else the key's file in the credentials directory when it is there. */
  private Optional<Path> file(Optional<Path> configured, String key) {
    if (configured.isPresent()) {
      return configured;
    }
    return config.credentialsDir().map(dir -> dir.resolve(key)).filter(Files::exists);
  }

  private static void readable(List<String> problems, String setting, Optional<Path> file) {
    file.filter(f -> !Files.isReadable(f))
        .ifPresent(f -> problems.add(setting + " cannot be read: " + f));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }
}
