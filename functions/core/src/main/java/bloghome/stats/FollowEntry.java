package bloghome.stats;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The other end of a follow edge, and since when. */
public record FollowEntry(String userId, String followedAt) implements JsonValue {
  @Override
  public Object toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("userId", userId);
    json.put("followedAt", followedAt);
    return json;
  }
}
