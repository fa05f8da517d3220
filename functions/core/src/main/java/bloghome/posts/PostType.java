package bloghome.posts;

import bloghome.errors.Problem;
import java.util.Locale;

/** What a post is; the home page marks each one 原创 / 转载 / 翻译. */
public enum PostType {
  ORIGINAL,
  REPOST,
  TRANSLATED;

  /** The wire and storage name, e.g. {@code "repost"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reposts and translations point at where the text came from. */
  public boolean needsSource() {
    return this != ORIGINAL;
  }

  /** Parses a wire name; a 400 naming {@code field} otherwise. */
  public static PostType parse(String value, String field) {
    for (PostType t : values()) {
      if (t.wireName().equals(value)) {
        return t;
      }
    }
    throw Problem.invalid(field, field + " must be one of original, repost, translated.");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
