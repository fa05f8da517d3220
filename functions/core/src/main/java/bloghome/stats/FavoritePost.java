package bloghome.stats;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A favorited post as the owner's favorites list shows it: the summary item's list fields as
 * stored, with the author (a favorite is mostly someone else's post). Not {@link
 * bloghome.posts.PostSummary}: that is the post's own record (typed, with its update time and
 * import source), which the listing shows without the author.
 */
public record FavoritePost(
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
