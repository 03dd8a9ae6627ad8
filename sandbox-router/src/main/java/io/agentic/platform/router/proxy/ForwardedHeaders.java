package io.agentic.platform.router.proxy;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which headers cross the router, in each direction, and the X-Forwarded-* it adds. */
final class ForwardedHeaders {

  /** RFC 9110 section 7.6.1 connection-specific headers, plus the de-facto Proxy-Connection. */
  private static final AsciiString[] HOP_BY_HOP =
      names(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Dropped whatever else the request says. */
  private static final AsciiString[] NEVER_FORWARDED =
      names(
          // Set by the client from the target.
          "host",
          // The router answers 100-continue itself once the request passed its checks.
          "expect");

  private static final AsciiString[] TRACE_CONTEXT = names("traceparent", "tracestate");
  private static final AsciiString AUTHORIZATION = AsciiString.of("authorization");
  private static final AsciiString COOKIE = AsciiString.of("cookie");
  private static final AsciiString SET_COOKIE = AsciiString.of("set-cookie");

  /**
   * What proxies say about the original request: only believed from a trusted proxy, otherwise
   * replaced by what the router itself saw. {@code Forwarded} (RFC 7239) carries the same claims.
   */
  private static final AsciiString FORWARDED = AsciiString.of("forwarded");

  private static final String FORWARDED_PREFIX = "x-forwarded-";
  private static final String ROUTING_PREFIX = "x-sandbox-";

  private final boolean forwardCookies;

  ForwardedHeaders(boolean forwardCookies) {
    this.forwardCookies = forwardCookies;
  }

  /**
   * Adds the headers the sandbox receives to {@code out}, the upstream request's own header map, so
   * they are not collected in a map of their own and copied a second time.
   *
   * @param dropAuthorization the Authorization header carried the router's own credential
   * @param dropTraceContext the router's client span supplies the trace context the sandbox sees
   * @param fromTrustedProxy the caller is a proxy whose X-Forwarded-* headers are believed
   */
  void toUpstream(
      HttpServerRequest request,
      boolean dropAuthorization,
      boolean dropTraceContext,
      boolean fromTrustedProxy,
      MultiMap out) {
    MultiMap in = request.headers();
    Set<String> connectionNamed = connectionNamed(in);
    for (Map.Entry<String, String> header : in) {
      String name = header.getKey();
      if (name.regionMatches(true, 0, ROUTING_PREFIX, 0, ROUTING_PREFIX.length())
          || isOneOf(name, HOP_BY_HOP)
          || isOneOf(name, NEVER_FORWARDED)
          || isConnectionNamed(name, connectionNamed)
          || (dropAuthorization && AUTHORIZATION.contentEqualsIgnoreCase(name))
          || (dropTraceContext && isOneOf(name, TRACE_CONTEXT))
          || (!forwardCookies && COOKIE.contentEqualsIgnoreCase(name))
          || (!fromTrustedProxy && isForwarding(name))) {
        continue;
      }
      out.add(name, header.getValue());
    }
    String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    if (client != null) {
      String chain = fromTrustedProxy ? in.get("X-Forwarded-For") : null;
      out.set("X-Forwarded-For", chain == null ? client : chain + ", " + client);
    }
    // A trusted proxy in front of the router has seen the original scheme and host: keep what it
    // says.
    if (!out.contains("X-Forwarded-Proto")) {
      out.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
    }
    String host = request.authority() == null ? null : request.authority().toString();
    if (!out.contains("X-Forwarded-Host") && host != null) {
      out.set("X-Forwarded-Host", host);
    }
  }

  /**
   * Copies the sandbox's response headers to the client, minus connection-specific ones and, unless
   * cookies are forwarded, Set-Cookie.
   */
  void toClient(MultiMap upstream, MultiMap client) {
    Set<String> dropped = connectionNamed(upstream);
    for (Map.Entry<String, String> header : upstream) {
      String name = header.getKey();
      if (isOneOf(name, HOP_BY_HOP)
          || isConnectionNamed(name, dropped)
          || (!forwardCookies && SET_COOKIE.contentEqualsIgnoreCase(name))) {
        continue;
      }
      client.add(name, header.getValue());
    }
  }

  private static boolean isForwarding(String name) {
    return name.regionMatches(true, 0, FORWARDED_PREFIX, 0, FORWARDED_PREFIX.length())
        || FORWARDED.contentEqualsIgnoreCase(name);
  }

  private static AsciiString[] names(String... names) {
    return Arrays.stream(names).map(AsciiString::of).toArray(AsciiString[]::new);
  }

  /** Compared without lower-casing the name first: most headers differ in length already. */
  private static boolean isOneOf(String name, AsciiString[] names) {
    for (AsciiString candidate : names) {
      if (candidate.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code named} holds lower-case names; it is empty unless a Connection header named any. */
  private static boolean isConnectionNamed(String name, Set<String> named) {
    return !named.isEmpty() && named.contains(name.toLowerCase(Locale.ROOT));
  }

  private static Set<String> connectionNamed(MultiMap headers) {
    if (!headers.contains("Connection")) {
      return Set.of();
    }
    Set<String> named = new HashSet<>();
    for (String value : headers.getAll("Connection")) {
      for (String token : value.split(",")) {
        String name = token.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          named.add(name);
        }
      }
    }
    return named;
  }
}
