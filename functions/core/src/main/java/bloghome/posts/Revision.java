package bloghome.posts;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One saved version of a post: what the author wrote, as it was saved. */
public record Revision(
    Entry entry,
    PostType type,
    String summary,
    String content,
    Optional<String> sourceUrl,
    List<String> tags,
    List<String> categories,
    boolean summaryDerived)
    implements JsonValue {

  /** How many saved versions of a post are kept: older ones are removed by the save. */
  public static final int KEPT = 20;

  /** A revision in the list: its version, when it was saved, its title and content size. */
  public record Entry(long version, Instant savedAt, String title, long bytes)
      implements JsonValue {
    @Override
    public Object toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", version);
      m.put("savedAt", Timestamps.format(savedAt));
      m.put("title", title);
      m.put("bytes", bytes);
      return m;
    }
  }

  @Override
  public Object toJson() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) entry.toJson();
    m.put("type", type.wireName());
    m.put("summary", summaryDerived ? "" : summary);
    m.put("content", content);
    m.put("sourceUrl", sourceUrl.orElse(null));
    m.put("tags", tags);
    m.put("categories", categories);
    return m;
  }
}
