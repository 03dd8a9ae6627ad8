package io.agentic.platform.router.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which headers cross the router, in each direction, and the X-Forwarded-* it adds. */
final class ForwardedHeaders {

  /** RFC 9110 section 7.6.1 connection-specific headers, plus the de-facto Proxy-Connection. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
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
  private static final Set<String> NEVER_FORWARDED =
      Set.of(
          // Set by the client from the target.
          "host",
          // The router answers 100-continue itself once the request passed its checks.
          "expect");

  private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

  private ForwardedHeaders() {}

  /**
   * Adds the headers the sandbox receives to {@code out}, the upstream request's own header map, so
   * they are not collected in a map of their own and copied a second time.
   *
   * @param dropAuthorization the Authorization header carried the router's own credential
   * @param dropTraceContext the router's client span supplies the trace context the sandbox sees
   */
  static void toUpstream(
      HttpServerRequest request,
      boolean dropAuthorization,
      boolean dropTraceContext,
      MultiMap out) {
    MultiMap in = request.headers();
    Set<String> connectionNamed = connectionNamed(in);
    for (Map.Entry<String, String> header : in) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-sandbox-")
          || HOP_BY_HOP.contains(name)
          || NEVER_FORWARDED.contains(name)
          || connectionNamed.contains(name)
          || (dropAuthorization && name.equals("authorization"))
          || (dropTraceContext && TRACE_CONTEXT.contains(name))) {
        continue;
      }
      out.add(header.getKey(), header.getValue());
    }
    String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    if (client != null) {
      String chain = in.get("X-Forwarded-For");
      out.set("X-Forwarded-For", chain == null ? client : chain + ", " + client);
    }
    // A proxy in front of the router has seen the original scheme and host: keep what it says.
    if (!out.contains("X-Forwarded-Proto")) {
      out.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
    }
    String host = request.authority() == null ? null : request.authority().toString();
    if (!out.contains("X-Forwarded-Host") && host != null) {
      out.set("X-Forwarded-Host", host);
    }
  }

  /** Copies the sandbox's response headers to the client, minus connection-specific ones. */
  static void toClient(MultiMap upstream, MultiMap client) {
    Set<String> dropped = connectionNamed(upstream);
    for (Map.Entry<String, String> header : upstream) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(name) || dropped.contains(name)) {
        continue;
      }
      client.add(header.getKey(), header.getValue());
    }
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
