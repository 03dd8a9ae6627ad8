package io.agentic.platform.router;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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

  /**
   * Addresses (CIDRs, or single addresses) of proxies in front of the router whose {@code
   * X-Forwarded-*} headers are kept and appended to; from anyone else they are replaced, since a
   * caller could otherwise claim any client address, scheme or host.
   */
  Optional<List<String>> trustedProxies();

  /**
   * Whether {@code Cookie} reaches sandboxes and {@code Set-Cookie} comes back. Off by default:
   * every sandbox shares the router's host name, so a cookie one sandbox sets would be sent to all
   * of them.
   */
  @WithDefault("false")
  boolean forwardCookies();

  Server server();

  Namespaces namespaces();

  Sandboxes sandboxes();

  Limits limits();

  Auth auth();

  Timeouts timeouts();

  Upstream upstream();

  /**
   * The proxy's own HTTP server on the main port; Quarkus' HTTP server serves only the management
   * port.
   */
  interface Server {
    /** Interface proxied traffic is accepted on. */
    @WithDefault("${quarkus.http.host:0.0.0.0}")
    String host();

    /** Port of proxied traffic. */
    @WithDefault("${quarkus.http.port:8080}")
    int port();

    /** Longest request line (method, target, version) accepted. */
    @WithDefault("4096")
    int maxInitialLineLength();

    /** Largest total size of a request's headers. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /** A caller connection with no traffic in either direction for this long is closed. */
    @WithDefault("30m")
    Duration idleTimeout();

    /**
     * Caller connections open at once; one beyond it is closed as soon as it is accepted, so a
     * flood of connections cannot exhaust memory or file descriptors.
     */
    @WithDefault("4096")
    int maxConnections();

    /**
     * At shutdown, once the delay is over and new requests are refused, how long requests and
     * tunnels in progress may still run; then the server closes what is left. An idle server stops
     * at once.
     */
    @WithDefault("25s")
    Duration drainTimeout();
  }

  interface Namespaces {
    /** Namespaces whose sandboxes may be reached. */
    Optional<Set<String>> allowed();

    /**
     * Namespaces carrying labels that match this selector (e.g. {@code
     * platform.agentic.io/tenant=true}) are reachable too; read through a watch, not per request.
     */
    Optional<String> labelSelector();
  }

  interface Sandboxes {
    /**
     * Whether a target must be an existing Sandbox: {@code on}, {@code off}, or {@code auto}, which
     * is on when the router runs inside a Kubernetes cluster.
     */
    @WithDefault("auto")
    Verification verify();
  }

  interface Limits {
    /** Largest request body forwarded; larger ones are answered 413. */
    @WithDefault("2G")
    MemorySize maxBodySize();
  }

  interface Auth {
    /** none, token or scoped; deliberately without a default. */
    Optional<AuthMode> mode();

    /** The static bearer token of {@code token} mode. */
    Optional<String> token();

    /** The HMAC-SHA256 key that signs and verifies {@code scoped} tokens. */
    Optional<String> scopedKey();

    /** The id tokens signed with {@link #scopedKey()} name. */
    @WithDefault("k1")
    String scopedKeyId();

    /** The key in use before the current one; its tokens are still accepted while keys rotate. */
    Optional<String> scopedPreviousKey();

    /** The id of {@link #scopedPreviousKey()}; required with it. */
    Optional<String> scopedPreviousKeyId();

    /** Tokens that expire further in the future than this are refused, whatever signed them. */
    @WithDefault("24h")
    Duration scopedMaxTtl();
  }

  interface Timeouts {
    /** Time allowed to open a TCP connection to the sandbox. */
    @WithDefault("5s")
    Duration connect();

    /**
     * Time allowed from the end of the request body until the sandbox sends response headers,
     * unless X-Sandbox-Timeout says less.
     */
    @WithDefault("60s")
    Duration request();

    /** Upper bound for X-Sandbox-Timeout. */
    @WithDefault("300s")
    Duration maxRequest();

    /** A response stream with no bytes for this long is closed. */
    @WithDefault("15m")
    Duration idle();

    /** A WebSocket with no frames in either direction for this long is closed. */
    @WithDefault("15m")
    Duration websocketIdle();

    /** A WebSocket is closed after this long however busy it is, so no tunnel lives forever. */
    @WithDefault("24h")
    Duration websocketMaxLifetime();
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

    /**
     * Longest wait for a pooled connection when all of a sandbox's are busy (counted together with
     * the connect time); then the caller is answered 503 with Retry-After.
     */
    @WithDefault("10s")
    Duration poolWaitTimeout();

    /**
     * Requests an event loop lets wait for a sandbox's busy connections; further ones are answered
     * 503 at once.
     */
    @WithDefault("256")
    int maxWaitQueue();
  }

  enum Verification {
    AUTO,
    ON,
    OFF
  }

  enum AuthMode {
    NONE,
    TOKEN,
    SCOPED
  }
}
