package bloghome.paging;

import bloghome.errors.Problem;
import java.util.Optional;

/**
 * The {@code limit} query parameter of every paged route (posts, comments, favorites, follows),
 * read one way everywhere.
 *
 * <p>Accepted spelling: ASCII digits only, no sign, no spaces, no more digits than the maximum has
 * ({@code 1}..{@code 100}, {@code 007} allowed). {@code " 5"}, {@code "+5"}, {@code "5.0"} and
 * {@code "1e2"} get the 400. Strict because the routes' clients are programs: a space or sign in a
 * limit is a bug on their side (an unencoded {@code +}, a template gone wrong) that a lenient
 * reading would hide, and the listing, the public route caches and CDNs see, was already strict.
 */
public final class PageLimit {
  private PageLimit() {}

  /** The limit, {@code defaultLimit} when absent; a 400 on {@code limit} when not 1..max. */
  public static int parse(Optional<String> raw, int defaultLimit, int max) {
    if (raw.isEmpty()) {
      return defaultLimit;
    }
    String value = raw.get();
    boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    if (digits && value.length() <= Integer.toString(max).length()) {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    }
    throw Problem.invalid(
        "INVALID_LIMIT", "limit", "limit must be a whole number from 1 to " + max + ".");
  }
}
