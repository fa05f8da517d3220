package bloghome.posts;

import bloghome.errors.Problem;
import java.util.Map;

/**
 * 409 {@code VERSION_CONFLICT}: the post was saved since the edit started; the answer carries the
 * stored post (owner view) as {@code current}, so the editor can show both versions.
 */
public final class VersionConflict extends Problem {
  private final transient Post current;

  public VersionConflict(Post current) {
    super(
        Kind.CONFLICT,
        "VERSION_CONFLICT",
        "This post was saved elsewhere (now version "
            + current.summary().version()
            + ") since your edit started; compare and save again with that version.",
        "version");
    this.current = current;
  }

  public Post current() {
    return current;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("current", current.ownerJson());
  }
}
