package io.agentic.platform.router;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;

import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ManagementEndpointsTest extends ManagementEndpointChecks {

  /** On the main port every path is a request for a sandbox, and this one names none. */
  @Override
  protected void assertMainPortAnswerToHealthPath(ValidatableResponse answer) {
    assertProblem(answer, 400).detailContains("X-Sandbox-ID");
  }
}
