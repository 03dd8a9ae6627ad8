package io.agentic.platform.testsupport;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.net.http.HttpResponse;
import org.hamcrest.Matcher;

/**
 * Assertions on an RFC 9457 problem answer as the services write it: {@code
 * application/problem+json} with {@code type}, {@code title}, {@code status} (the HTTP status) and
 * {@code detail}. {@link #assertProblem} checks that much; the chained methods check the members a
 * test cares about, e.g. {@code assertProblem(response, 400).typeEndsWith("/bad-header")
 * .detailContains("X-Sandbox-ID")}.
 */
public final class ProblemJson {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final String body;
  private final JsonPath json;

  private ProblemJson(String body) {
    this.body = body;
    this.json = JsonPath.from(body);
  }

  /** {@code response} is a problem with HTTP status {@code status}. */
  public static ProblemJson assertProblem(ValidatableResponse response, int status) {
    ExtractableResponse<Response> answer = response.extract();
    return assertProblem(answer.statusCode(), answer.contentType(), answer.asString(), status);
  }

  /**
   * {@code response}, read with {@code java.net.http}, is a problem with HTTP status {@code
   * status}.
   */
  public static ProblemJson assertProblem(HttpResponse<String> response, int status) {
    return assertProblem(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        status);
  }

  private static ProblemJson assertProblem(
      int actualStatus, String contentType, String body, int status) {
    assertThat("HTTP status of " + body, actualStatus, equalTo(status));
    // Parameters such as a charset may follow the media type.
    assertThat(
        "Content-Type of " + body,
        contentType.split(";")[0].strip(),
        equalToIgnoringCase(MEDIA_TYPE));
    ProblemJson problem = new ProblemJson(body);
    problem.assertMember("type", not(blankOrNullString()));
    problem.assertMember("title", not(blankOrNullString()));
    problem.assertMember("detail", not(blankOrNullString()));
    assertThat("status member of " + body, problem.json.get("status"), equalTo(status));
    return problem;
  }

  /** The problem's {@code type} is exactly {@code type}. */
  public ProblemJson type(String type) {
    return assertMember("type", equalTo(type));
  }

  /** The problem's {@code type} ends with {@code suffix}, e.g. {@code "/upstream-timeout"}. */
  public ProblemJson typeEndsWith(String suffix) {
    return assertMember("type", endsWith(suffix));
  }

  /** The problem's {@code detail} contains {@code text}. */
  public ProblemJson detailContains(String text) {
    return detail(containsString(text));
  }

  /** The problem's {@code detail} matches {@code matcher}. */
  public ProblemJson detail(Matcher<? super String> matcher) {
    return assertMember("detail", matcher);
  }

  private ProblemJson assertMember(String name, Matcher<? super String> matcher) {
    Object value = json.get(name);
    assertThat(
        name + " member of " + body, value instanceof String ? (String) value : null, matcher);
    return this;
  }
}
