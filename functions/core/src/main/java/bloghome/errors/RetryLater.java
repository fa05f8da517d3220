package bloghome.errors;

/** 429 (the caller's own rate) or 503 (a dependency's), with a {@code Retry-After} header. */
public final class RetryLater extends Problem {
  private final long retryAfterSeconds;

  public RetryLater(String code, String message, long retryAfterSeconds) {
    this(Kind.TOO_MANY_REQUESTS, code, message, retryAfterSeconds);
  }

  private RetryLater(Kind kind, String code, String message, long retryAfterSeconds) {
    super(kind, code, message, null);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  /** 503: the request may succeed if sent again after {@code retryAfterSeconds}. */
  public static RetryLater unavailable(String code, String message, long retryAfterSeconds) {
    return new RetryLater(Kind.SERVICE_UNAVAILABLE, code, message, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
