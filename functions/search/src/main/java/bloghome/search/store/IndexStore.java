package bloghome.search.store;

import java.util.Optional;

/**
 * Where each blog's index lives (one archive object per blog, docs/search.md), written with
 * optimistic concurrency: a save names the version it started from and loses to any other save made
 * since. Also keeps which blog a post was indexed in, so that a deleted post (of which the stream
 * says only its id) can be taken out of the right index.
 */
public interface IndexStore {

  /** A stored index archive and its version (the object's ETag). */
  record Stored(byte[] bytes, String version) {}

  /** What a conditional read found. */
  sealed interface Fetched {
    /** No index for this blog yet. */
    record Missing() implements Fetched {}

    /** The version asked about is still current. */
    record Unchanged() implements Fetched {}

    record Found(Stored stored) implements Fetched {}
  }

  /** The blog's index; {@link Fetched.Unchanged} when {@code knownVersion} is still current. */
  Fetched fetch(String userId, Optional<String> knownVersion);

  /**
   * Saves the archive if the stored version is still {@code basedOn} (empty: if there is none yet).
   * False when another save came first: read again and redo the change.
   */
  boolean save(String userId, byte[] archive, Optional<String> basedOn);

  /** The blog a post was indexed in. */
  Optional<String> owner(String postId);

  void saveOwner(String postId, String userId);

  void deleteOwner(String postId);
}
