package bloghome.comments;

import bloghome.paging.StorePage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage of comments, their threads and the post's comment counter. */
public interface CommentStore {

  /** How many replies a thread shows inline in the post's comment list. */
  int PREVIEW_REPLIES = 3;

  /**
   * What comments need to know about a post: that it exists, its author, its count and who may read
   * it.
   *
   * @param listed published and public: everyone reads it
   * @param followersOnly published for followers: the author and the author's followers read it
   */
  record PostRef(
      String postId, String authorId, long comments, boolean listed, boolean followersOnly) {}

  /**
   * A comment found by id. Deleted comments keep their reference for a while (a tombstone), so a
   * retried delete can be answered without touching any counter.
   *
   * @param sk the comment's sort key in its post's partition
   * @param replyTo the parent's id for a reply, null for a top-level comment
   */
  record CommentRef(
      String commentId,
      String postId,
      String sk,
      String authorId,
      String replyTo,
      boolean deleted) {
    public boolean isReply() {
      return replyTo != null;
    }
  }

  /** A comment about to be written, with its sort key (and its parent's for a reply). */
  record NewComment(Comment comment, String sk, String parentSk) {}

  /** The Idempotency-Key a create claims: the user's key and a hash of what was asked. */
  record IdempotencyClaim(String userId, String key, String requestHash, Instant expiresAt) {}

  /** A remembered create: the request hash and the comment it made. */
  record IdempotentResult(String requestHash, Comment comment) {}

  /** What a create did. */
  sealed interface CreateResult {}

  record Created(Comment comment) implements CreateResult {}

  /** The same Idempotency-Key was used before (or concurrently): this is what it made. */
  record Replayed(IdempotentResult previous) implements CreateResult {}

  record RateLimited(long retryAfterSeconds) implements CreateResult {}

  record PostMissing() implements CreateResult {}

  /** The comment being replied to was deleted (or never was a top-level comment here). */
  record ParentGone() implements CreateResult {}

  /** What a delete did. */
  sealed interface DeleteResult {}

  /**
   * @param placeholder the comment had replies, so it stays as a "deleted" placeholder
   */
  record Deleted(boolean placeholder) implements DeleteResult {}

  /** Someone (or an earlier try of this request) deleted it first; nothing changed now. */
  record AlreadyDeleted() implements DeleteResult {}

  record DeleteTargetMissing() implements DeleteResult {}

  /** A comment with its sort key, which positions cursors. */
  record Keyed(Comment comment, String sk) {}

  /** A top-level comment with the first replies and the number of visible replies. */
  record Thread(Keyed top, List<Keyed> preview, long replyCount) {}

  record ThreadPage(List<Thread> threads, boolean more) {}

  record ReplyPage(List<Keyed> replies, boolean more) {}

  Optional<PostRef> findPost(String postId, boolean consistent);

  Optional<String> displayName(String userId);

  /** Whether {@code followerId} follows {@code authorId} (one GetItem of the follow edge). */
  boolean follows(String followerId, String authorId);

  Optional<CommentRef> findRef(String commentId);

  Optional<IdempotentResult> findIdempotent(String userId, String key);

  /**
   * Writes the comment, its reference, the post's counter (and the parent's for a reply), the
   * idempotency record and the rate-limit counters, all or nothing.
   */
  CreateResult create(
      NewComment comment,
      Optional<IdempotencyClaim> idempotency,
      List<RateLimit.Window> windows,
      Instant now);

  /** Deletes (or turns into a placeholder) the comment and takes it off every counter, once. */
  DeleteResult delete(CommentRef ref, Instant now);

  /**
   * A page of the comments on {@code authorId}'s posts (every state and visibility), newest first,
   * from {@code after} (a previous page's position): the author's list of comment pointers.
   */
  StorePage<RecentComments.Recent> onPostsOf(
      String authorId, int limit, Optional<Map<String, String>> after);

  /** Threads of a post, oldest first, after the thread whose top-level key is {@code afterSk}. */
  ThreadPage threads(String postId, Optional<String> afterSk, int limit);

  /**
   * Replies of a thread, oldest first, after the reply whose key is {@code afterSk}; with {@code
   * hiddenOnly}, only those the thread does not already show inline.
   */
  ReplyPage replies(
      String postId, String parentSk, Optional<String> afterSk, int limit, boolean hiddenOnly);
}
