package bloghome.stats;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** A saved post as the owner's favorites list shows it. */
public record Favorite(String postId, String favoritedAt, FavoritePost post) implements JsonValue {
  @Override
  public Object toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("postId", postId);
    json.put("favoritedAt", favoritedAt);
    json.put("post", post);
    return json;
  }
}
