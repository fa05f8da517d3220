package bloghome.table;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The sort key of the by-views indexes: {@code views x 10^24 + publishedAtMillis x 10^10 +
 * tiebreak(postId)}. Descending, it orders by views, then the newer post, then the postId; a view
 * adds {@link #ONE_VIEW} to it in the same update that adds one to {@code views}.
 */
public final class ViewRank {
  public static final BigInteger ONE_VIEW = BigInteger.TEN.pow(24);
  private static final BigInteger MILLIS_FACTOR = BigInteger.TEN.pow(10);

  /** Greater than any post's rank: the listing-total items sort first in a descending Query. */
  public static final String TOP = "9".repeat(38);

  /**
   * Largest view count whose rank stays below {@link #TOP} within DynamoDB's 38 digits, for posts
   * published before the year 5138 (when epoch milliseconds reach 10^14).
   */
  public static final long MAX_VIEWS = 99_999_999_999_998L;

  // Base64url characters in ASCII order, so the rank of a character preserves string order.
  private static final String ALPHABET =
      "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  private ViewRank() {}

  public static BigInteger of(long views, Instant publishedAt, String postId) {
    return BigInteger.valueOf(views)
        .multiply(ONE_VIEW)
        .add(BigInteger.valueOf(publishedAt.toEpochMilli()).multiply(MILLIS_FACTOR))
        .add(BigInteger.valueOf(tiebreak(postId)));
  }

  /**
   * The first five characters after the prefix, read as a base-64 number: below 64^5 (about 1.07 x
   * 10^9), so it never spills into the milliseconds.
   */
  static long tiebreak(String postId) {
    int start = postId.indexOf('_') + 1;
    long value = 0;
    for (int i = 0; i < 5; i++) {
      int at = start + i;
      int digit = at < postId.length() ? Math.max(0, ALPHABET.indexOf(postId.charAt(at))) : 0;
      value = value * 64 + digit;
    }
    return value;
  }
}
