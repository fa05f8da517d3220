package bloghome.http;

import bloghome.errors.Problem;

/** 429 with a {@code Retry-After} header. */
public final class RetryLater extends Problem {
  private final long retryAfterSeconds;

  public RetryLater(String code, String message, long retryAfterSeconds) {
    super(Kind.TOO_MANY_REQUESTS, code, message, null);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
