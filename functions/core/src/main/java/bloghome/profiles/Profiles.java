package bloghome.profiles;

import bloghome.auth.Caller;
import bloghome.config.Env;
import bloghome.errors.Problem;
import bloghome.images.PostImageKeys;
import bloghome.images.PostImageRules;
import bloghome.images.PostImageUrl;
import bloghome.json.JsonObject;
import bloghome.text.TextRules;
import java.util.Optional;
import java.util.Set;

/** Use cases of profiles: read one, and let its owner write displayName, bio and avatar. */
public final class Profiles {
  public static final int DISPLAY_NAME_MAX = 50;
  public static final int BIO_MAX = 500;

  private final ProfileStore store;
  private final String mediaBaseUrl;

  /** With the media base URL of the function's environment ({@code MEDIA_BASE_URL}, else "/"). */
  public Profiles(ProfileStore store) {
    this(store, Env.get("MEDIA_BASE_URL").orElse("/"));
  }

  /**
   * @param mediaBaseUrl where accepted images are served: an avatar must be one of ours under it
   */
  public Profiles(ProfileStore store, String mediaBaseUrl) {
    this.store = store;
    this.mediaBaseUrl = mediaBaseUrl;
  }

  public Profile get(String userId) {
    UserIds.requireValid(userId);
    return store
        .find(userId)
        .orElseThrow(() -> Problem.notFound("PROFILE_NOT_FOUND", "No such profile."));
  }

  /**
   * PUT semantics: the body holds displayName (required), bio (optional, empty if absent) and
   * avatar (optional; absent, null or empty removes it).
   */
  public Profile put(Caller caller, String userId, JsonObject body) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    body.allowOnly(Set.of("displayName", "bio", "avatar"));
    String displayName =
        TextRules.name(body.string("displayName"), "displayName", "INVALID_DISPLAY_NAME");
    int nameLength = displayName.codePointCount(0, displayName.length());
    if (nameLength < 1 || nameLength > DISPLAY_NAME_MAX) {
      throw Problem.invalid(
          "INVALID_DISPLAY_NAME",
          "displayName",
          "displayName must be 1-"
              + DISPLAY_NAME_MAX
              + " characters after trimming; it has "
              + nameLength
              + ".");
    }
    String bio = TextRules.multiLine(body.optString("bio").orElse(""), "bio", "INVALID_BIO");
    int bioLength = bio.codePointCount(0, bio.length());
    if (bioLength > BIO_MAX) {
      throw Problem.invalid(
          "INVALID_BIO",
          "bio",
          "bio must be at most " + BIO_MAX + " characters; it has " + bioLength + ".");
    }
    Optional<String> avatar = body.optString("avatar").filter(url -> !url.isEmpty());
    if (avatar.isPresent() && !isOwnAvatar(userId, avatar.get())) {
      throw Problem.invalid(
          "INVALID_AVATAR",
          "avatar",
          "avatar must be the URL of an avatar you uploaded here (POST /users/"
              + userId
              + "/images with use avatar), or empty to remove it.");
    }
    return store.save(userId, displayName, bio, avatar);
  }

  /**
   * Whether {@code url} is an avatar copy of {@code userId}'s: one of our media URLs, under their
   * id, square and at most {@link PostImageRules#AVATAR_SIZE} wide (what the validator writes for
   * an avatar; a post image's widest copy is wider, or not square, save for a small square one).
   */
  private boolean isOwnAvatar(String userId, String url) {
    String base =
        mediaBaseUrl.endsWith("/")
            ? mediaBaseUrl.substring(0, mediaBaseUrl.length() - 1)
            : mediaBaseUrl;
    return url.startsWith(base + "/" + PostImageKeys.ACCEPTED_PREFIX + userId + "/")
        && PostImageUrl.parse(mediaBaseUrl, url)
            .filter(u -> u.width() == u.height() && u.width() <= PostImageRules.AVATAR_SIZE)
            .filter(u -> u.src().equals(url))
            .isPresent();
  }
}
