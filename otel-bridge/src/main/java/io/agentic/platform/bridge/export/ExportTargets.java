package io.agentic.platform.bridge.export;

import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code bridge.export.*} into one exporter per signal, and checks it: a bridge that could
 * never deliver (a malformed URL, half a key pair) refuses to start instead of dropping everything.
 */
public final class ExportTargets {

  private final BridgeConfig.Export config;
  private final MultiMap headers;

  public ExportTargets(BridgeConfig.Export config) {
    this.config = config;
    this.headers = headers(config);
  }

  public boolean enabled(Signal<?, ?> signal) {
    return settings(signal).enabled().orElse(signal == Signal.TRACES);
  }

  public URI endpoint(Signal<?, ?> signal) {
    String url =
        settings(signal)
            .endpoint()
            .orElseGet(() -> config.endpoint().replaceAll("/+$", "") + signal.path());
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw invalid(signal, url, "not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw invalid(signal, url, "the scheme must be http or https");
    }
    if (uri.getHost() == null) {
      throw invalid(signal, url, "it names no host");
    }
    if (uri.getUserInfo() != null) {
      throw invalid(signal, url, "put credentials in bridge.export.public-key/secret-key");
    }
    return uri;
  }

  /** Whether requests carry an Authorization header: said in the startup log, never its value. */
  public boolean authenticated() {
    return headers.contains("Authorization");
  }

  public HttpClient client(Vertx vertx, int signals) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()))
            .setVerifyHost(true),
        new PoolOptions().setHttp1MaxSize(Math.max(1, config.concurrency() * signals)));
  }

  public Exporter exporter(Vertx vertx, HttpClient client, Signal<?, ?> signal) {
    return new OtlpHttpExporter(
        vertx,
        client,
        signal,
        endpoint(signal),
        headers,
        config.compression() == BridgeConfig.Compression.GZIP,
        config.compressionLevel(),
        config.timeout());
  }

  private BridgeConfig.SignalExport settings(Signal<?, ?> signal) {
    if (signal == Signal.TRACES) {
      return config.traces();
    }
    return signal == Signal.METRICS ? config.metrics() : config.logs();
  }

  private static MultiMap headers(BridgeConfig.Export config) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("User-Agent", "agentic-platform-otel-bridge");
    for (String pair : config.headers().orElse(List.of())) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalStateException(
            "bridge.export.headers takes name=value pairs separated by commas, got \""
                + pair
                + "\"");
      }
      headers.set(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }
    Optional<String> basic = basicAuthorization(config);
    config.authorization().or(() -> basic).ifPresent(value -> headers.set("Authorization", value));
    return headers;
  }

  private static Optional<String> basicAuthorization(BridgeConfig.Export config) {
    if (config.publicKey().isPresent() != config.secretKey().isPresent()) {
      throw new IllegalStateException(
          "bridge.export.public-key and bridge.export.secret-key must be set together"
              + " (BRIDGE_EXPORT_PUBLIC_KEY, BRIDGE_EXPORT_SECRET_KEY)");
    }
    return config
        .publicKey()
        .map(
            publicKey ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (publicKey + ":" + config.secretKey().orElseThrow())
                                .getBytes(StandardCharsets.UTF_8)));
  }

  private static IllegalStateException invalid(Signal<?, ?> signal, String url, String why) {
    return new IllegalStateException(
        "the " + signal.name() + " export endpoint \"" + url + "\" is unusable: " + why);
  }
}
