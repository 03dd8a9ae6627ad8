package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where requests come from. The names match the environment the AgentExecutor Deployment sets:
 * {@code NATS_URL}, {@code NATS_STREAM_NAME}, {@code NATS_CONSUMER_GROUP}.
 */
@ConfigMapping(prefix = "nats")
public interface NatsConfig {

  /** The stream name; only called in serve mode, where the start-up check made sure it is set. */
  default String stream() {
    return streamName().orElseThrow();
  }

  /** The consumer name; only called in serve mode, where the start-up check made sure it is set. */
  default String consumer() {
    return consumerGroup().orElseThrow();
  }

  /**
   * {@code NATS_URL}: one or more comma-separated {@code nats://} or {@code tls://} URLs. The three
   * names are optional here so that migrate mode runs without them; serve mode requires them.
   */
  Optional<String> url();

  /** {@code NATS_STREAM_NAME}: the JetStream stream holding the requests. */
  Optional<String> streamName();

  /**
   * {@code NATS_STREAM_SUBJECTS}: when set and the stream does not exist, it is created with these
   * subjects; when unset the stream must already exist.
   */
  Optional<List<String>> streamSubjects();

  /** {@code NATS_CONSUMER_GROUP}: the durable pull consumer every replica shares. */
  Optional<String> consumerGroup();

  /**
   * {@code NATS_ACK_WAIT}: ack wait of a consumer this service creates; in-progress signals are
   * sent at a third of it while a run is being worked on.
   */
  @WithDefault("30s")
  Duration ackWait();

  /** {@code NATS_PULL_WAIT}: how long one pull request waits for messages. */
  @WithDefault("1s")
  Duration pullWait();

  /** {@code NATS_RECONNECT_WAIT}: pause between reconnect attempts. */
  @WithDefault("500ms")
  Duration reconnectWait();

  /**
   * {@code NATS_PING_INTERVAL}: how often the connection asks the server for a PONG. A connection
   * that the client believes is up but that carries nothing (two PINGs unanswered) is dropped and
   * re-established after at most three intervals, instead of the client default's minutes.
   */
  @WithDefault("5s")
  Duration pingInterval();

  /**
   * {@code NATS_CREDENTIALS_DIR}: a directory (a mounted Secret) holding any of {@code nats.creds},
   * {@code nkey}, {@code username} and {@code password}, {@code token}, {@code ca.crt}, {@code
   * tls.crt} and {@code tls.key}; each stands for the file setting below that is not set.
   */
  Optional<Path> credentialsDir();

  /** {@code NATS_CREDS_FILE}: a credentials file (user JWT and NKey seed, decentralized auth). */
  Optional<Path> credsFile();

  /** {@code NATS_NKEY_FILE}: a file holding an NKey user's seed. */
  Optional<Path> nkeyFile();

  /** {@code NATS_USER}: the user name of user/password authentication. */
  Optional<String> user();

  /** {@code NATS_USER_FILE}: a file holding the user name (the {@code username} Secret key). */
  Optional<Path> userFile();

  /** {@code NATS_PASSWORD_FILE}: a file holding the password of {@code NATS_USER}. */
  Optional<Path> passwordFile();

  /** {@code NATS_TOKEN_FILE}: a file holding an authentication token. */
  Optional<Path> tokenFile();

  /** TLS to the server ({@code nats.tls.*}). */
  Tls tls();

  interface Tls {

    /** {@code NATS_TLS_CA_FILE}: PEM CA bundle the server's certificate is verified with. */
    Optional<Path> caFile();

    /** {@code NATS_TLS_CERT_FILE}: PEM client certificate chain, for servers that verify. */
    Optional<Path> certFile();

    /** {@code NATS_TLS_KEY_FILE}: PEM private key of the client certificate (PKCS#1 or #8). */
    Optional<Path> keyFile();
  }
}
