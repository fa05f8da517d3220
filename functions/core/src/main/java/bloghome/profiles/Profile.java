package bloghome.profiles;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** A public profile and the counts shown with it. */
public record Profile(
    String userId,
    String displayName,
    String bio,
    long posts,
    long views,
    long likes,
    long favorites,
    long followers,
    long following)
    implements JsonValue {

  @Override
  public Object toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", userId);
    m.put("displayName", displayName);
    m.put("bio", bio);
    m.put("posts", posts);
    m.put("views", views);
    m.put("likes", likes);
    m.put("favorites", favorites);
    m.put("followers", followers);
    m.put("following", following);
    return m;
  }
}
