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
    Optional<String> sourceId)
    implements JsonValue {

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
}
