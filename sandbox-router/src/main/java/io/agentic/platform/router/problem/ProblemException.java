package io.agentic.platform.router.problem;

/** Raised while checking a request; the router answers with the problem and forwards nothing. */
public class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
