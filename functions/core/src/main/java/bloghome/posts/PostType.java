package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.text.WireNames;
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
    return WireNames.find(values(), PostType::wireName, value)
        .orElseThrow(
            () -> Problem.invalid(field, field + " must be one of original, repost, translated."));
  }

  @Override
  public String toString() {
    return wireName();
  }
}
