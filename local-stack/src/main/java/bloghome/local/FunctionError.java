package bloghome.local;

/**
 * An invocation that failed as Lambda reports it: the error the function's runtime posted (the
 * handler threw, or init failed), a timeout ({@code Sandbox.Timedout}) or a runtime that exited
 * ({@code Runtime.ExitError}). {@link #payload()} is the JSON Lambda returns to the invoker.
 */
public final class FunctionError extends RuntimeException {
  private final String errorType;
  private final String payload;

  FunctionError(String functionName, String errorType, String message, String payload) {
    super(functionName + ": " + errorType + ": " + message);
    this.errorType = errorType;
    this.payload = payload;
  }

  public String errorType() {
    return errorType;
  }

  /** The error JSON ({@code errorType}, {@code errorMessage}, and the stack trace if any). */
  public String payload() {
    return payload;
  }
}
