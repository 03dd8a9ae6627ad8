package io.agentic.platform.memory.problem;

/** Raised anywhere a request cannot be served; rendered as the problem it carries. */
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
