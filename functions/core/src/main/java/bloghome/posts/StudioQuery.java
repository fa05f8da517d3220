package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.paging.PageLimit;
import bloghome.text.WireNames;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated request for one page of the caller's own posts ({@code GET /studio/posts}).
 *
 * @param state which posts: {@code draft}, {@code scheduled}, {@code published} (published and
 *     public), {@code followers} or {@code private} (published with that visibility); all if empty
 * @param q text the title must contain, ignoring case
 */
public record StudioQuery(
    Optional<State> state,
    Optional<PostType> type,
    Optional<String> q,
    int limit,
    Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 50;
  public static final int Q_MAX = 100;

  /** The states the studio filters by; each post is in exactly one. */
  public enum State {
    DRAFT(PostStatus.DRAFT, null),
    SCHEDULED(PostStatus.SCHEDULED, null),
    PUBLISHED(PostStatus.PUBLISHED, Visibility.PUBLIC),
    FOLLOWERS(PostStatus.PUBLISHED, Visibility.FOLLOWERS),
    PRIVATE(PostStatus.PUBLISHED, Visibility.PRIVATE);

    final PostStatus status;
    final Visibility visibility;

    State(PostStatus status, Visibility visibility) {
      this.status = status;
      this.visibility = visibility;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static StudioQuery parse(
      Optional<String> state,
      Optional<String> type,
      Optional<String> q,
      Optional<String> limit,
      Optional<String> cursor) {
    Optional<State> s =
        state.map(
            v ->
                WireNames.find(State.values(), State::wireName, v)
                    .orElseThrow(
                        () ->
                            Problem.invalid(
                                "INVALID_STATE",
                                "state",
                                "state must be one of draft, scheduled, published, followers,"
                                    + " private.")));
    Optional<PostType> t = type.map(v -> PostType.parse(v, "type"));
    Optional<String> text = q.map(String::strip).filter(v -> !v.isEmpty());
    if (text.isPresent() && text.get().codePointCount(0, text.get().length()) > Q_MAX) {
      throw Problem.invalid("INVALID_Q", "q", "q must be at most " + Q_MAX + " characters.");
    }
    if (cursor.isPresent() && cursor.get().isEmpty()) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    return new StudioQuery(s, t, text, PageLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT), cursor);
  }

  /** What a cursor is bound to: the same owner and filters (not the page size). */
  String scope(String userId) {
    return "studio|"
        + userId
        + "|"
        + state.map(State::wireName).orElse("all")
        + "|"
        + type.map(PostType::wireName).orElse("all")
        + "|"
        + q.orElse("");
  }
}
