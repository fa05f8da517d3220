package bloghome.stats;

import bloghome.paging.StorePage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Likes and favorites: one marker per user and post, counted on the post and its author. */
public interface ReactionStore {
  enum Change {
    CHANGED,
    UNCHANGED,
    POST_GONE
  }

  Change add(Reaction reaction, String postId, String authorId, String userId, Instant at);

  Change remove(Reaction reaction, String postId, String authorId, String userId);

  /** Removes a marker left on a deleted post (no counters to fix); true if one was there. */
  boolean removeOrphan(Reaction reaction, String postId, String userId);

  /** The post's current count (a strongly consistent read, so it includes the caller's change). */
  long count(Reaction reaction, String postId);

  /** A user's favorites, newest first; posts deleted since are left out. */
  StorePage<Favorite> favorites(String userId, int limit, Optional<Map<String, String>> start);
}
