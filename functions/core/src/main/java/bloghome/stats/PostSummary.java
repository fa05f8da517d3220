package bloghome.stats;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The list fields of a post summary item, read back for a favorites page. */
public record PostSummary(
    String postId,
    String authorId,
    String type,
    String title,
    String summary,
    String publishedAt,
    long views,
    long likes,
    long favorites,
    long comments)
    implements JsonValue {
  @Override
  public Object toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("postId", postId);
    json.put("authorId", authorId);
    json.put("type", type);
    json.put("title", title);
    json.put("summary", summary);
    json.put("publishedAt", publishedAt);
    json.put("views", views);
    json.put("likes", likes);
    json.put("favorites", favorites);
    json.put("comments", comments);
    return json;
  }
}
