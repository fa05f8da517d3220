package bloghome.stats;

import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.paging.CursorCodec;
import bloghome.paging.StorePage;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Follow and unfollow users; list followers and following, newest first. */
public final class Follows {
  /** Whether the caller follows the user after the call, and the user's followers count. */
  public record State(boolean following, long followers) {}

  public enum Direction {
    FOLLOWERS,
    FOLLOWING
  }

  private final FollowStore store;
  private final CursorCodec cursors;
  private final Clock clock;

  public Follows(FollowStore store, CursorCodec cursors, Clock clock) {
    this.store = store;
    this.cursors = cursors;
    this.clock = clock;
  }

  public State follow(String callerId, String userId) {
    requireOther(callerId, userId);
    if (store.follow(callerId, userId, clock.instant()) == FollowStore.Change.NO_SUCH_USER) {
      throw userNotFound();
    }
    return new State(true, store.followersOf(userId).orElse(0L));
  }

  public State unfollow(String callerId, String userId) {
    requireOther(callerId, userId);
    store.unfollow(callerId, userId);
    Optional<Long> followers = store.followersOf(userId);
    if (followers.isEmpty()) {
      throw userNotFound();
    }
    return new State(false, followers.get());
  }

  public StorePage<FollowEntry> list(
      Direction direction, String userId, int limit, Optional<String> cursor) {
    if (!Ids.isKeySafe(userId)) {
      throw userNotFound();
    }
    Optional<Map<String, String>> start =
        cursor.map(c -> cursors.decode(scope(direction, userId), c));
    if (start.isEmpty() && !store.isVisible(userId)) {
      // Checked on the first page only: later pages come with a cursor signed for this user.
      throw userNotFound();
    }
    return direction == Direction.FOLLOWERS
        ? store.followers(userId, limit, start)
        : store.following(userId, limit, start);
  }

  public String cursorFor(Direction direction, String userId, StorePage<?> page) {
    return page.next().map(next -> cursors.encode(scope(direction, userId), next)).orElse(null);
  }

  private static String scope(Direction direction, String userId) {
    return direction.name().toLowerCase(Locale.ROOT) + "|" + userId;
  }

  private static void requireOther(String callerId, String userId) {
    if (!Ids.isKeySafe(userId)) {
      throw userNotFound();
    }
    if (callerId.equals(userId)) {
      throw Problem.invalid("CANNOT_FOLLOW_SELF", "userId", "You cannot follow yourself.");
    }
  }

  private static Problem userNotFound() {
    return Problem.notFound("USER_NOT_FOUND", "No such user.");
  }
}
