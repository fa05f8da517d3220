package bloghome.posts;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole post: its list item plus the large part (content, source URL, tags, categories).
 *
 * @param summaryDerived whether the summary was derived from the content (none was given)
 */
public record Post(
    PostSummary summary,
    String content,
    Optional<String> sourceUrl,
    List<String> tags,
    List<String> categories,
    boolean summaryDerived)
    implements JsonValue {

  public Post {
    tags = List.copyOf(tags);
    categories = List.copyOf(categories);
  }

  /** A post without categories whose summary was given. */
  public Post(PostSummary summary, String content, Optional<String> sourceUrl, List<String> tags) {
    this(summary, content, sourceUrl, tags, List.of(), false);
  }

  public String postId() {
    return summary.postId();
  }

  /** See {@link PostSummary#listed()}. */
  public boolean listed() {
    return summary.listed();
  }

  /** The reader's view of the post. */
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
    m.put("status", s.status().wireName());
    m.put("visibility", s.visibility().wireName());
    m.put("publishAt", s.publishAt().map(Timestamps::format).orElse(null));
    m.put("publishedAt", s.shownPublishedAt().map(Timestamps::format).orElse(null));
    m.put("updatedAt", Timestamps.format(s.updatedAt()));
    m.put("version", s.version());
    m.put("views", s.counters().views());
    m.put("comments", s.counters().comments());
    m.put("likes", s.counters().likes());
    m.put("favorites", s.counters().favorites());
    s.sourceId().ifPresent(id -> m.put("sourceId", id));
    return m;
  }

  /**
   * The owner's view (studio, editor, conflict answers): the reader's view, with {@code summary} as
   * the author gave it (empty when it is derived from the content).
   */
  public Map<String, Object> ownerJson() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) toJson();
    m.put("summary", summaryDerived ? "" : summary.summary());
    return m;
  }
}
