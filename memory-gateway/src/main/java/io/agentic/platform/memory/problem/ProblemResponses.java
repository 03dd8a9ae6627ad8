package io.agentic.platform.memory.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every failure as application/problem+json: the gateway's own problems, unreadable JSON,
 * authentication failures, framework errors, and, as a last resort, anything unexpected (as a bare
 * 500 whose details stay in the log).
 */
@jakarta.inject.Singleton
public class ProblemResponses {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return render(e.problem());
  }

  @ServerExceptionMapper
  public Response unrecognized(UnrecognizedPropertyException e) {
    return render(Problem.badRequest(path(e) + ": unknown field"));
  }

  @ServerExceptionMapper
  public Response invalidFormat(InvalidFormatException e) {
    String allowed = "";
    if (e.getTargetType() != null && e.getTargetType().isEnum()) {
      allowed =
          java.util.Arrays.stream(e.getTargetType().getEnumConstants())
              .map(c -> json.convertValue(c, String.class))
              .collect(Collectors.joining(", ", "; one of ", ""));
    }
    return render(Problem.badRequest(path(e) + ": not a valid value" + allowed));
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    String path = path(e);
    return render(
        Problem.badRequest(
            path.equals("body")
                ? "the request body is not the expected JSON object"
                : path + ": wrong type of value"));
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e) {
    return render(Problem.badRequest(path(e) + ": not a valid value"));
  }

  @ServerExceptionMapper
  public Response constrained(StreamConstraintsException e) {
    // Jackson's own limits (number and string lengths, nesting): the body is hostile or broken.
    return render(
        Problem.badRequest(
            "the request body holds a number, string or nesting longer or deeper than the gateway"
                + " reads"));
  }

  @ServerExceptionMapper
  public Response unparsable(JsonParseException e) {
    return render(Problem.badRequest("the request body is not valid JSON"));
  }

  @ServerExceptionMapper
  public Response authentication(AuthenticationFailedException e) {
    return render(Problem.unauthenticated("the bearer token is not valid"));
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return render(Problem.unauthenticated("a bearer token is required"));
  }

  @ServerExceptionMapper
  public Response framework(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    // Quarkus REST wraps what Jackson could not read; answer as for the unwrapped failure.
    if (e.getCause() instanceof UnrecognizedPropertyException cause) {
      return unrecognized(cause);
    }
    if (e.getCause() instanceof InvalidFormatException cause) {
      return invalidFormat(cause);
    }
    if (e.getCause() instanceof MismatchedInputException cause) {
      return mismatched(cause);
    }
    if (e.getCause() instanceof JsonMappingException cause) {
      return mapping(cause);
    }
    if (e.getCause() instanceof JsonParseException cause) {
      return unparsable(cause);
    }
    if (e.getCause() instanceof StreamConstraintsException cause) {
      return constrained(cause);
    }
    if (status == 400) {
      return render(Problem.badRequest("the request body is not valid JSON"));
    }
    if (status == 415) {
      return render(Problem.unsupportedMediaType("send the request body as application/json"));
    }
    if (status == 413) {
      return render(Problem.tooLarge("the request body is too large"));
    }
    if (status >= 500) {
      LOG.errorf("Request failed with %d: %s", status, e.getClass().getName());
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    return render(
        new Problem(
            status,
            title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
            title,
            title + " for this request"));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    // The stack trace goes to the log only; the caller learns nothing about the internals.
    LOG.error("Unexpected failure while serving a request", e);
    return render(Problem.internalError());
  }

  /**
   * Answers a request outside the REST layer (a Vert.x route) with {@code problem}, headers as
   * {@link #render} gives them; {@code closeConnection} when the rest of the request is not worth
   * reading or the gateway is stopping.
   */
  public void send(RoutingContext ctx, Problem problem, boolean closeConnection) {
    Response rendered = render(problem);
    var response = ctx.response().setStatusCode(rendered.getStatus());
    rendered
        .getStringHeaders()
        .forEach((name, values) -> values.forEach(value -> response.putHeader(name, value)));
    response.putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
    if (closeConnection) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.end((String) rendered.getEntity());
  }

  public Response render(Problem problem) {
    ObjectNode body = json.createObjectNode();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    Response.ResponseBuilder response =
        Response.status(problem.status()).type(MEDIA_TYPE).entity(body.toString());
    problem
        .retryAfter()
        .ifPresent(d -> response.header("Retry-After", Math.max(1, (d.toMillis() + 999) / 1000)));
    if (problem.status() == 401) {
      response.header("WWW-Authenticate", "Bearer");
    }
    return response.build();
  }

  private static String path(JsonMappingException e) {
    var path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }
}
