package bloghome.stats;

import bloghome.paging.StorePage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Follow edges between users and the followers / following counts on their profiles. */
public interface FollowStore {
  enum Change {
    CHANGED,
    UNCHANGED,
    NO_SUCH_USER
  }

  Change follow(String followerId, String followeeId, Instant at);

  Change unfollow(String followerId, String followeeId);

  /** A visible profile's followers count (strongly consistent); empty if there is no profile. */
  Optional<Long> followersOf(String userId);

  boolean isVisible(String userId);

  StorePage<FollowEntry> followers(String userId, int limit, Optional<Map<String, String>> start);

  StorePage<FollowEntry> following(String userId, int limit, Optional<Map<String, String>> start);
}
