package dev.conversation.springai;

import dev.conversation.service.Problem;
import java.util.Objects;

/**
 * Thrown by {@link TurnGuardAdvisor} when the model's answer is not stored: the claimed turn was
 * lost before the model was asked or while it thought ({@link Problem.TurnLost}: a human took
 * over, it was resolved, the customer wrote again, ...), or the library refused the answer
 * ({@link Problem.Invalid}, e.g. an empty one) or could not store it. Nothing was stored and the
 * claim was released; the answer must not be sent.
 */
public final class TurnLostException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  /** Creates the exception for the problem the service answered. */
  public TurnLostException(Problem problem) {
    super(Objects.requireNonNull(problem, "problem").message());
    this.problem = problem;
  }

  /** Returns why the answer was not stored. */
  public Problem problem() {
    return problem;
  }
}
