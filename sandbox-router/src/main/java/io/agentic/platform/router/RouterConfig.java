package io.agentic.platform.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Configuration of the sandbox router; every key is documented in the module README. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

  /** Cluster DNS domain of sandbox Services: {@code {id}.{namespace}.svc.{clusterDomain}}. */
  @WithDefault("cluster.local")
  String clusterDomain();

  /** Namespace used when a request carries no {@code X-Sandbox-Namespace}. */
  @WithDefault("default")
  String defaultNamespace();

  /** Port used when a request carries no {@code X-Sandbox-Port}. */
  @WithDefault("8080")
  int defaultPort();

  /** The only upstream ports a request may name. */
  @WithDefault("8080")
  Set<Integer> allowedPorts();

  /** A path prefix removed before forwarding, e.g. {@code /sandbox} behind a /sandbox/* route. */
  Optional<String> stripPrefix();

  Namespaces namespaces();

  Auth auth();

  Timeouts timeouts();

  Upstream upstream();

  interface Namespaces {
    /** Namespaces whose sandboxes may be reached. */
    Optional<Set<String>> allowed();
  }

  interface Auth {
    /** none, token or scoped; deliberately without a default. */
    Optional<AuthMode> mode();

    /** The static bearer token of {@code token} mode. */
    Optional<String> token();

    /** The HMAC-SHA256 key that signs and verifies {@code scoped} tokens. */
    Optional<String> scopedKey();
  }

  interface Timeouts {
    /** Time allowed to open a TCP connection to the sandbox. */
    @WithDefault("5s")
    Duration connect();

    /**
     * Time allowed until the sandbox sends response headers, unless X-Sandbox-Timeout says less.
     */
    @WithDefault("60s")
    Duration request();

    /** Upper bound for X-Sandbox-Timeout. */
    @WithDefault("300s")
    Duration maxRequest();

    /** A response stream with no bytes for this long is closed. */
    @WithDefault("15m")
    Duration idle();
  }

  interface Upstream {
    /** Attempts to connect after the first one failed before any byte was sent. */
    @WithDefault("2")
    int dialRetries();

    /** Wait before the first connect retry; doubles for each further one. */
    @WithDefault("100ms")
    Duration dialBackoff();

    /** Keep-alive connections per sandbox host. */
    @WithDefault("64")
    int maxConnectionsPerHost();
  }

  enum AuthMode {
    NONE,
    TOKEN,
    SCOPED
  }
}
