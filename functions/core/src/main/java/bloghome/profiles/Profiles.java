package bloghome.profiles;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.json.JsonObject;
import bloghome.text.TextRules;
import java.util.Set;

/** Use cases of profiles: read one, and let its owner write displayName and bio. */
public final class Profiles {
  public static final int DISPLAY_NAME_MAX = 50;
  public static final int BIO_MAX = 500;

  private final ProfileStore store;

  public Profiles(ProfileStore store) {
    this.store = store;
  }

  public Profile get(String userId) {
    UserIds.requireValid(userId);
    return store
        .find(userId)
        .orElseThrow(() -> Problem.notFound("PROFILE_NOT_FOUND", "No such profile."));
  }

  /** PUT semantics: the body holds displayName (required) and bio (optional, empty if absent). */
  public Profile put(Caller caller, String userId, JsonObject body) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    body.allowOnly(Set.of("displayName", "bio"));
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
    return store.save(userId, displayName, bio);
  }
}
