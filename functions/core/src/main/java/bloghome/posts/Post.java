package bloghome.posts;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole post: its list item plus the large part (content, source URL, tags). */
public record Post(
    PostSummary summary, String content, Optional<String> sourceUrl, List<String> tags)
    implements JsonValue {

  public Post {
    tags = List.copyOf(tags);
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
