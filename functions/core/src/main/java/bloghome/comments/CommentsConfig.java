package bloghome.comments;

import java.time.Duration;

/**
 * Limits of the comments feature, in one place so tests can change them through a constructor.
 *
 * @param maxTextCodePoints longest comment text, after trimming
 * @param maxRequestBytes longest request body (413 beyond)
 * @param rateLimit per-user creation limit
 * @param idempotencyTtl how long an Idempotency-Key is remembered
 */
public record CommentsConfig(
    int maxTextCodePoints, int maxRequestBytes, RateLimit rateLimit, Duration idempotencyTtl) {
  public static final CommentsConfig DEFAULT =
      new CommentsConfig(
          CommentText.MAX_CODE_POINTS, 16 * 1024, RateLimit.DEFAULT, Duration.ofHours(24));

  public CommentsConfig withRateLimit(RateLimit limit) {
    return new CommentsConfig(maxTextCodePoints, maxRequestBytes, limit, idempotencyTtl);
  }
}
