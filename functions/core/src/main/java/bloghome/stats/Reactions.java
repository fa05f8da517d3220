package bloghome.stats;

import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.paging.CursorCodec;
import bloghome.paging.StorePage;
import java.time.Clock;
import java.util.Optional;

/** Likes and favorites: set or clear the caller's mark on a post; list a user's favorites. */
public final class Reactions {
  /** The caller's mark after the call, and the post's count. */
  public record State(Reaction reaction, boolean on, long count) {}

  private final PostDirectory posts;
  private final ReactionStore store;
  private final CursorCodec cursors;
  private final Clock clock;

  public Reactions(PostDirectory posts, ReactionStore store, CursorCodec cursors, Clock clock) {
    this.posts = posts;
    this.store = store;
    this.cursors = cursors;
    this.clock = clock;
  }

  public State add(Reaction reaction, String postId, String userId) {
    String authorId = authorOf(postId);
    ReactionStore.Change change = store.add(reaction, postId, authorId, userId, clock.instant());
    if (change == ReactionStore.Change.POST_GONE) {
      posts.forget(postId);
      throw Views.postNotFound();
    }
    return new State(reaction, true, store.count(reaction, postId));
  }

  /**
   * Clears the mark. On a post deleted since, the marker is still removed (nothing to count any
   * more) so the user can tidy their list; a post that never had the mark is a 404.
   */
  public State remove(Reaction reaction, String postId, String userId) {
    if (!Ids.isKeySafe(postId)) {
      throw Views.postNotFound();
    }
    Optional<String> authorId = posts.authorOf(postId);
    if (authorId.isEmpty()) {
      if (store.removeOrphan(reaction, postId, userId)) {
        return new State(reaction, false, 0);
      }
      throw Views.postNotFound();
    }
    ReactionStore.Change change = store.remove(reaction, postId, authorId.get(), userId);
    if (change == ReactionStore.Change.POST_GONE) {
      posts.forget(postId);
      store.removeOrphan(reaction, postId, userId);
      return new State(reaction, false, 0);
    }
    return new State(reaction, false, store.count(reaction, postId));
  }

  /** The owner's favorites, newest first. */
  public StorePage<Favorite> favorites(
      String ownerId, String callerId, int limit, Optional<String> cursor) {
    if (!ownerId.equals(callerId)) {
      throw Problem.forbidden("NOT_OWNER", "Only the owner can see their favorites.");
    }
    String scope = "favorites|" + ownerId;
    StorePage<Favorite> page =
        store.favorites(ownerId, limit, cursor.map(c -> cursors.decode(scope, c)));
    return page;
  }

  public String cursorFor(String ownerId, StorePage<?> page) {
    return page.next().map(next -> cursors.encode("favorites|" + ownerId, next)).orElse(null);
  }

  private String authorOf(String postId) {
    if (!Ids.isKeySafe(postId)) {
      throw Views.postNotFound();
    }
    return posts.authorOf(postId).orElseThrow(Views::postNotFound);
  }
}
