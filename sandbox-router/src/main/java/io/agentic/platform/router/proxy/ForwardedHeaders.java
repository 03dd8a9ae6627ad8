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

  private ForwardedHeaders() {}

  /** The headers sent to the sandbox; {@code host} is set by the client from the target. */
  static MultiMap toUpstream(HttpServerRequest request, boolean dropAuthorization) {
    MultiMap in = request.headers();
    Set<String> dropped = connectionNamed(in);
    dropped.add("host");
    // The router answers 100-continue itself once the request passed its checks.
    dropped.add("expect");
    if (dropAuthorization) {
      dropped.add("authorization");
    }
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> header : in) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-sandbox-") || HOP_BY_HOP.contains(name) || dropped.contains(name)) {
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
    return out;
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
