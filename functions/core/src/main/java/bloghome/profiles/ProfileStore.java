package bloghome.profiles;

import java.util.Optional;

/** Storage of profiles. Counters are only ever added to, by the features that own them. */
public interface ProfileStore {
  /** The profile, if it has a displayName (a profile without one is not visible). */
  Optional<Profile> find(String userId);

  /** Sets displayName and bio, keeping every counter; returns the profile as stored. */
  Profile save(String userId, String displayName, String bio);
}
