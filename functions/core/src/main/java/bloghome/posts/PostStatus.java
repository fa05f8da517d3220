package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.text.WireNames;
import java.util.Locale;

/**
 * Where a post is in its life: a draft (author only), scheduled (author only until its {@code
 * publishAt}), or published. Only a published post can be {@link PostSummary#listed() listed}.
 */
public enum PostStatus {
  DRAFT,
  SCHEDULED,
  PUBLISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; a 400 naming {@code field} otherwise. */
  public static PostStatus parse(String value, String field) {
    return WireNames.find(values(), PostStatus::wireName, value)
        .orElseThrow(
            () ->
                Problem.invalid(
                    "INVALID_STATUS",
                    field,
                    field + " must be one of draft, scheduled, published."));
  }

  /** A stored name; items written before statuses existed are published. */
  public static PostStatus stored(String value) {
    return value == null ? PUBLISHED : parse(value, "status");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
