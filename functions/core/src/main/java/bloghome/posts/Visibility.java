package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.text.WireNames;
import java.util.Locale;

/**
 * Who may read a published post: anyone ({@code public}), the author and the author's followers
 * ({@code followers}, 粉丝可见), or the author alone ({@code private}).
 */
public enum Visibility {
  PUBLIC,
  FOLLOWERS,
  PRIVATE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; a 400 naming {@code field} otherwise. */
  public static Visibility parse(String value, String field) {
    return WireNames.find(values(), Visibility::wireName, value)
        .orElseThrow(
            () ->
                Problem.invalid(
                    "INVALID_VISIBILITY",
                    field,
                    field + " must be one of public, followers, private."));
  }

  /** A stored name; items written before visibilities existed are public. */
  public static Visibility stored(String value) {
    return value == null ? PUBLIC : parse(value, "visibility");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
