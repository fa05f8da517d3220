package bloghome.posts;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.json.JsonValue;
import bloghome.paging.CursorCodec;
import bloghome.paging.PageLimit;
import bloghome.paging.StorePage;
import bloghome.profiles.UserIds;
import bloghome.table.PostSummaryItems;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads that depend on who asks: the author's own list of posts in every state (the studio), and an
 * author's followers-only list, which only the author and followers may read.
 */
public final class Studio {
  public static final int FOLLOWERS_DEFAULT_LIMIT = 20;
  public static final int FOLLOWERS_MAX_LIMIT = 50;

  private final PostStore store;
  private final CursorCodec cursors;

  public Studio(PostStore store, CursorCodec cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  /** A page of posts with the cursor of the next page (null at the end). */
  public record Page(List<Map<String, Object>> items, Optional<String> nextCursor)
      implements JsonValue {
    @Override
    public Object toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("items", items);
      m.put("nextCursor", nextCursor.orElse(null));
      return m;
    }
  }

  /** {@code GET /studio/posts}: the caller's posts, newest-updated first. */
  public Page posts(Caller caller, StudioQuery query) {
    String owner = caller.userId();
    String scope = query.scope(owner);
    Optional<Map<String, String>> after = query.cursor().map(c -> cursors.decode(scope, c));
    StorePage<PostSummary> page = store.studio(owner, query, after);
    return new Page(
        page.items().stream().map(PostSummary::ownerJson).toList(),
        page.next().map(p -> cursors.encode(scope, p)));
  }

  /**
   * {@code GET /users/{userId}/followers-posts}: the author's published followers-only posts, to
   * the author and the author's followers; anyone else gets 403 {@code FOLLOWERS_ONLY}.
   */
  public Page followersPosts(
      Caller caller, String authorId, Optional<String> limit, Optional<String> cursor) {
    UserIds.requireValid(authorId);
    int size = PageLimit.parse(limit, FOLLOWERS_DEFAULT_LIMIT, FOLLOWERS_MAX_LIMIT);
    if (!caller.is(authorId) && !store.follows(caller.userId(), authorId)) {
      throw followersOnly();
    }
    String scope = "followers-posts|" + authorId;
    if (cursor.isPresent() && cursor.get().isEmpty()) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    Optional<Map<String, String>> after = cursor.map(c -> cursors.decode(scope, c));
    StorePage<PostSummaryItems.FollowersEntry> page = store.followersPosts(authorId, size, after);
    return new Page(
        page.items().stream().map(Studio::entryJson).toList(),
        page.next().map(p -> cursors.encode(scope, p)));
  }

  static Problem followersOnly() {
    return Problem.forbidden(
        "FOLLOWERS_ONLY", "This post is for the author's followers: follow the author to read it.");
  }

  private static Map<String, Object> entryJson(PostSummaryItems.FollowersEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postId", e.postId());
    m.put("title", e.title());
    m.put("summary", e.summary());
    m.put("type", e.type());
    m.put("publishedAt", Timestamps.format(e.publishedAt()));
    return m;
  }
}
