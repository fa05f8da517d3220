package bloghome.stats;

import java.util.Optional;

/** Who wrote a post; empty for a post that does not exist or was deleted. */
public interface PostDirectory {
  Optional<String> authorOf(String postId);

  /** Drops what is known about a post that turned out to be gone. */
  void forget(String postId);
}
