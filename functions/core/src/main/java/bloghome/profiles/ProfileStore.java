package bloghome.profiles;

import java.util.Optional;

/** Storage of profiles. Counters are only ever added to, by the features that own them. */
public interface ProfileStore {
  /** The profile, if it has a displayName (a profile without one is not visible). */
  Optional<Profile> find(String userId);

  /**
   * Sets displayName, bio and the avatar (removed when empty), keeping every counter; returns the
   * profile as stored.
   */
  Profile save(String userId, String displayName, String bio, Optional<String> avatar);

  /** As {@link #save(String, String, String, Optional)}, without an avatar. */
  default Profile save(String userId, String displayName, String bio) {
    return save(userId, displayName, bio, Optional.empty());
  }
}
