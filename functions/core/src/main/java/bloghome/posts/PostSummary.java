package bloghome.posts;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The small list item of a post (everything but the content), which listings and counter updates
 * read and write.
 *
 * @param publishedAt when the post was (or, scheduled, will be) published; for a draft the time it
 *     was created, shown as null
 * @param publishAt a scheduled post's publication time; empty otherwise
 * @param version 1 on create, +1 on every save (optimistic concurrency of the editor)
 */
public record PostSummary(
    String postId,
    String authorId,
    PostType type,
    String title,
    String summary,
    Instant publishedAt,
    Instant updatedAt,
    Counters counters,
    Optional<String> sourceId,
    PostStatus status,
    Visibility visibility,
    Optional<Instant> publishAt,
    long version)
    implements JsonValue {

  /** A published, public post at version 1 (the shape every post had before drafts existed). */
  public PostSummary(
      String postId,
      String authorId,
      PostType type,
      String title,
      String summary,
      Instant publishedAt,
      Instant updatedAt,
      Counters counters,
      Optional<String> sourceId) {
    this(
        postId,
        authorId,
        type,
        title,
        summary,
        publishedAt,
        updatedAt,
        counters,
        sourceId,
        PostStatus.PUBLISHED,
        Visibility.PUBLIC,
        Optional.empty(),
        1);
  }

  /**
   * Listed = published and public: the only posts that get public projections (listing entries,
   * listing totals, the profile's post count, categories, tags, archive, feeds, sitemap, search).
   */
  public boolean listed() {
    return status == PostStatus.PUBLISHED && visibility == Visibility.PUBLIC;
  }

  /** Published for the author's followers only: listed in the blog's "for followers" list. */
  public boolean followersOnly() {
    return status == PostStatus.PUBLISHED && visibility == Visibility.FOLLOWERS;
  }

  /** The time shown as {@code publishedAt}: null while the post is not published. */
  Optional<Instant> shownPublishedAt() {
    return status == PostStatus.PUBLISHED ? Optional.of(publishedAt) : Optional.empty();
  }

  /** The listing item's shape: {@code postId, title, summary, type, publishedAt} and counters. */
  @Override
  public Object toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postId", postId);
    m.put("title", title);
    m.put("summary", summary);
    m.put("type", type.wireName());
    m.put("publishedAt", Timestamps.format(publishedAt));
    m.put("views", counters.views());
    m.put("comments", counters.comments());
    m.put("likes", counters.likes());
    m.put("favorites", counters.favorites());
    return m;
  }

  /** The owner's list item in the studio: every state, with its version and times. */
  public Map<String, Object> ownerJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postId", postId);
    m.put("title", title);
    m.put("type", type.wireName());
    m.put("status", status.wireName());
    m.put("visibility", visibility.wireName());
    m.put("publishAt", publishAt.map(Timestamps::format).orElse(null));
    m.put("publishedAt", shownPublishedAt().map(Timestamps::format).orElse(null));
    m.put("updatedAt", Timestamps.format(updatedAt));
    m.put("version", version);
    m.put("views", counters.views());
    m.put("comments", counters.comments());
    m.put("likes", counters.likes());
    m.put("favorites", counters.favorites());
    return m;
  }
}
