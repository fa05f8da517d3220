package bloghome.profiles;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A public profile and the counts shown with it; {@code avatar} is our avatar copy's URL. */
public record Profile(
    String userId,
    String displayName,
    String bio,
    long posts,
    long views,
    long likes,
    long favorites,
    long followers,
    long following,
    Optional<String> avatar)
    implements JsonValue {

  /** Without an avatar. */
  public Profile(
      String userId,
      String displayName,
      String bio,
      long posts,
      long views,
      long likes,
      long favorites,
      long followers,
      long following) {
    this(
        userId,
        displayName,
        bio,
        posts,
        views,
        likes,
        favorites,
        followers,
        following,
        Optional.empty());
  }

  @Override
  public Object toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", userId);
    m.put("displayName", displayName);
    m.put("bio", bio);
    avatar.ifPresent(url -> m.put("avatar", url));
    m.put("posts", posts);
    m.put("views", views);
    m.put("likes", likes);
    m.put("favorites", favorites);
    m.put("followers", followers);
    m.put("following", following);
    return m;
  }
}
