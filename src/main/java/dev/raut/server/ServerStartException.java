package dev.raut.server;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** The server could not start: the port is taken, the host is not an address of this machine, a model is missing. */
public final class ServerStartException extends RuntimeException implements Explained {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  public ServerStartException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  @Override
  public Problem problem() {
    return problem;
  }
}
