package io.agentic.platform.memory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Configuration of the memory gateway; every key is documented in the module README. */
@ConfigMapping(prefix = "memory")
public interface MemoryConfig {

  EverMemOs evermemos();

  Auth auth();

  Limits limits();

  Resilience resilience();

  Metrics metrics();

  Server server();

  interface Server {
    /**
     * On SIGTERM, how long readiness reports DOWN while requests are still served, so the Service
     * stops routing here before requests are refused.
     */
    @WithDefault("3s")
    Duration shutdownDelay();

    /**
     * At shutdown, once the delay is over and new requests are refused, how long requests in
     * progress may still run. An idle gateway stops at once.
     */
    @WithDefault("25s")
    Duration drainTimeout();
  }

  interface EverMemOs {
    /** Base URL of the EverMemOS REST API (scheme, host and port, no path). */
    @WithDefault("http://evermemos.evermemos.svc.cluster.local:1995")
    String baseUrl();

    /** Which EverMemOS wire protocol to speak: current (all POST, data envelope) or v1. */
    @WithDefault("current")
    ApiVersion api();

    /** Time allowed to open a TCP connection to EverMemOS. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for one upstream call, matching the waypoint's 60 s in front of EverMemOS. */
    @WithDefault("60s")
    Duration timeout();

    /** Keep-alive connections to EverMemOS. */
    @WithDefault("64")
    int maxConnections();
  }

  interface Auth {
    /** jwt (verified bearer tokens) or dev-header (trust X-Tenant-ID; development only). */
    @WithDefault("jwt")
    AuthMode mode();

    /** The JWT claim that carries the tenant. */
    @WithDefault("tenant")
    String tenantClaim();

    /**
     * How long a verified token's tenant is remembered (never past the token's expiry), sparing the
     * signature check on repeated calls; 0 verifies every call.
     */
    @WithDefault("60s")
    Duration verifiedTokenCache();

    /** Lets dev-header mode start in the prod profile; never set this in a real deployment. */
    @WithDefault("false")
    boolean allowDevModeInProd();

    /**
     * Lets the prod profile fetch the JWKS over plain http, for an issuer reached inside the
     * cluster; otherwise the prod profile insists on https, so keys cannot be swapped in transit.
     */
    @WithDefault("false")
    boolean allowHttpJwks();

    /**
     * The JWT claim that binds a token to one end user; a token carrying it may only act on that
     * user's memories. Unset, tokens are bound to their tenant only.
     */
    Optional<String> userClaim();
  }

  interface Limits {
    /** Largest request body accepted, in bytes. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Most messages one store call may carry. */
    @WithDefault("100")
    int maxMessagesPerCall();

    /** Longest message content, in characters. */
    @WithDefault("16384")
    int maxContentChars();

    /** Longest search query, in characters. */
    @WithDefault("2000")
    int maxQueryChars();

    /** Largest top_k of a search (EverMemOS caps it at 100). */
    @WithDefault("100")
    int maxTopK();

    /** Largest page_size of a get. */
    @WithDefault("100")
    int maxPageSize();
  }

  interface Resilience {
    /** Attempts after the first one for idempotent calls (store, search, get). */
    @WithDefault("2")
    int retries();

    /** Wait before the first retry; doubles up to max-backoff, with jitter. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("2s")
    Duration maxBackoff();

    /** Consecutive failed calls that open the circuit breaker. */
    @WithDefault("5")
    int breakerFailureThreshold();

    /** How long an open breaker rejects calls before letting one trial call through. */
    @WithDefault("30s")
    Duration breakerOpenFor();

    /** Upstream calls allowed in flight at once; further calls are answered 503 at once. */
    @WithDefault("64")
    int bulkheadMaxConcurrent();

    /**
     * Requests of one tenant allowed in the gateway at once, below the bulkhead, so one tenant's
     * slow calls cannot take every place; further calls of that tenant are answered 429 at once.
     */
    @WithDefault("16")
    int tenantMaxConcurrent();
  }

  interface Metrics {
    /**
     * Tenants that get their own value of the tenant label; everyone else is counted as "other".
     * Without this key metrics carry no tenant label at all, so cardinality stays bounded.
     */
    Optional<Set<String>> tenantLabelValues();
  }

  enum ApiVersion {
    CURRENT,
    V1
  }

  enum AuthMode {
    JWT,
    DEV_HEADER
  }
}
