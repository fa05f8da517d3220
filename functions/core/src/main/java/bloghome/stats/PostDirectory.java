package bloghome.stats;

import java.util.Optional;

/** Who wrote a post; empty for a post that does not exist or was deleted. */
public interface PostDirectory {
  Optional<String> authorOf(String postId);

  /**
   * The author of a post that exists now: unlike {@link #authorOf}, never answered from what an
   * environment remembers, so a view of a post deleted a moment ago is refused. The views route
   * needs this because its only write (the marker) cannot find out that the post is gone.
   */
  default Optional<String> currentAuthorOf(String postId) {
    return authorOf(postId);
  }

  /** Drops what is known about a post that turned out to be gone. */
  void forget(String postId);
}
