package io.agentic.platform.router.routing;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.vertx.core.MultiMap;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/** Reads and validates the X-Sandbox-* headers that select a request's target. */
@Singleton
public class RoutingHeaders {

  public static final String ID = "X-Sandbox-ID";
  public static final String NAMESPACE = "X-Sandbox-Namespace";
  public static final String PORT = "X-Sandbox-Port";
  public static final String TIMEOUT = "X-Sandbox-Timeout";
  public static final String TOKEN = "X-Sandbox-Token";

  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,5}");

  private final RouterConfig config;

  RoutingHeaders(RouterConfig config) {
    this.config = config;
  }

  public SandboxTarget target(MultiMap headers) {
    String id = single(headers, ID);
    if (id == null) {
      throw new ProblemException(Problem.badHeader(ID, "is required"));
    }
    requireLabel(ID, id);
    String namespace = single(headers, NAMESPACE);
    if (namespace == null) {
      namespace = config.defaultNamespace();
    } else {
      requireLabel(NAMESPACE, namespace);
    }
    return new SandboxTarget(id, namespace, port(single(headers, PORT)));
  }

  private int port(String value) {
    if (value == null) {
      return config.defaultPort();
    }
    int port = DECIMAL.matcher(value).matches() ? Integer.parseInt(value) : -1;
    if (!config.allowedPorts().contains(port)) {
      throw new ProblemException(
          Problem.badHeader(
              PORT,
              "'" + printable(value) + "' is not one of the allowed ports " + allowedPorts()));
    }
    return port;
  }

  private String allowedPorts() {
    return config.allowedPorts().stream().sorted().toList().toString();
  }

  private static void requireLabel(String header, String value) {
    if (!isDns1123Label(value)) {
      throw new ProblemException(
          Problem.badHeader(
              header,
              "'"
                  + printable(value)
                  + "' is not a DNS-1123 label (lower-case letters, digits and '-', starting and"
                  + " ending with a letter or digit, at most 63 characters)"));
    }
  }

  /**
   * An RFC 1123 label as Kubernetes names Services and namespaces: 1 to 63 lower-case letters,
   * digits and '-', starting and ending with a letter or digit. Checked by hand rather than with a
   * regular expression because it runs on every request.
   */
  static boolean isDns1123Label(String value) {
    int length = value.length();
    if (length == 0 || length > 63) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!letterOrDigit && (c != '-' || i == 0 || i == length - 1)) {
        return false;
      }
    }
    return true;
  }

  private static String single(MultiMap headers, String name) {
    var values = headers.getAll(name);
    if (values.size() > 1) {
      throw new ProblemException(Problem.badHeader(name, "must be given once"));
    }
    return values.isEmpty() ? null : values.get(0).strip();
  }

  /** Echoes a bounded, printable form of a rejected value so the message cannot inject anything. */
  private static String printable(String value) {
    String shortened = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return shortened.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
