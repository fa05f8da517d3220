package bloghome.stats.visitor;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret of one UTC day that {@link VisitorId} mixes into every visitor hash.
 *
 * <p>Whoever holds the salt can test guessed IP addresses against a visitor id, so the salt is
 * random, never logged (see {@link #toString()}) and deleted after at most 48 hours: once it is
 * gone the ids of that day can no longer be linked to anyone, nor to the ids of another day.
 *
 * @param day the UTC day the salt is for
 * @param secret {@value #SECRET_BYTES} random bytes; copied in and out
 * @param expiresAt when the salt must be gone: the start of {@code day} plus two days, UTC
 */
public record DailySalt(LocalDate day, byte[] secret, Instant expiresAt) {
  public static final int SECRET_BYTES = 32;

  public DailySalt {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException(
          "a daily salt has " + SECRET_BYTES + " bytes, not " + secret.length);
    }
    secret = secret.clone();
  }

  /** A new random salt for {@code day}, expiring as {@link #expiryOf} says. */
  public static DailySalt generate(LocalDate day, SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new DailySalt(day, secret, expiryOf(day));
  }

  /** The start of {@code day} plus two days (UTC): the salt lives through its day and one more. */
  public static Instant expiryOf(LocalDate day) {
    return day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Whether the salt may no longer be used. DynamoDB deletes expired items some time after their
   * TTL, so a store reading one back must check this itself.
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DailySalt that
        && day.equals(that.day)
        && Arrays.equals(secret, that.secret)
        && expiresAt.equals(that.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, Arrays.hashCode(secret), expiresAt);
  }

  /** Leaves the secret out, so that a log line can never carry it. */
  @Override
  public String toString() {
    return "DailySalt[day=" + day + ", secret=(hidden), expiresAt=" + expiresAt + "]";
  }
}
