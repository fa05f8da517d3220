package bloghome.posts;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole post: its list item plus the large part (content, source URL, tags). */
public record Post(
    PostSummary summary,
    String content,
    Optional<String> sourceUrl,
    List<String> tags,
    List<String> categories)
    implements JsonValue {

  public Post {
    tags = List.copyOf(tags);
    categories = List.copyOf(categories);
  }

  /**
   * Whether the post has public projections (category, tag and archive entries, feeds, sitemap):
   * published and public (docs/discovery.md). Placeholder until the post carries status and
   * visibility: every post is published and public today.
   */
  public boolean listed() {
    return true;
  }

  public String postId() {
    return summary.postId();
  }

  @Override
  public Object toJson() {
    PostSummary s = summary;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postId", s.postId());
    m.put("authorId", s.authorId());
    m.put("type", s.type().wireName());
    m.put("title", s.title());
    m.put("summary", s.summary());
    m.put("content", content);
    m.put("sourceUrl", sourceUrl.orElse(null));
    m.put("tags", tags);
    m.put("categories", categories);
    m.put("publishedAt", Timestamps.format(s.publishedAt()));
    m.put("updatedAt", Timestamps.format(s.updatedAt()));
    m.put("views", s.counters().views());
    m.put("comments", s.counters().comments());
    m.put("likes", s.counters().likes());
    m.put("favorites", s.counters().favorites());
    s.sourceId().ifPresent(id -> m.put("sourceId", id));
    return m;
  }
}
