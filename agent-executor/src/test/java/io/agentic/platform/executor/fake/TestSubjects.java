package io.agentic.platform.executor.fake;

/** The subjects of one test run, derived from its id so that tests can find them. */
public record TestSubjects(String requests, String results, String deadLetters) {

  public static TestSubjects of(String id) {
    return new TestSubjects(
        "ae-test-" + id + ".requests", "ae-test-" + id + ".results", "ae-test-" + id + ".dead");
  }
}
