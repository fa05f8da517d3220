package bloghome.local;

/** A start-up problem the developer can fix; its message is one line that says how. */
public final class LocalStackException extends RuntimeException {
  public LocalStackException(String message) {
    super(message);
  }

  public LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
