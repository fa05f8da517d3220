package bloghome.posts;

import bloghome.paging.StorePage;
import bloghome.table.PostSummaryItems;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Storage of posts together with their bookkeeping: every write also keeps the author's profile
 * counters and the listing totals exact, in one transaction.
 */
public interface PostStore {

  /** Whether a conditional write went through or lost to a concurrent change. */
  enum Write {
    DONE,
    /** A condition failed: something changed since it was read. Read again and decide. */
    CONFLICT
  }

  /**
   * One Query of a listing index: the posts, the listing total (on the first page only) and the
   * position after the last post. {@link ListingPage} is what the API makes of it.
   */
  record IndexPage(
      List<PostSummary> posts, OptionalLong total, Optional<Map<String, String>> next) {}

  /**
   * The whole post (summary and content) in one Query, or empty when missing or deleted. {@code
   * consistent} when a write just happened and must be seen (idempotent replays).
   */
  Optional<Post> find(String postId, boolean consistent);

  /** The list item alone, read consistently: what writes decide on. */
  Optional<PostSummary> findSummary(String postId);

  /** Up to {@code query.limit()} posts after {@code after} (the previous page's {@code next}). */
  IndexPage list(ListingQuery query, Optional<Map<String, String>> after);

  /**
   * The author's listed posts just older and just newer than {@code post} by publication time (one
   * Query with Limit 1 each way); empty at the ends of the listing.
   */
  Neighbours neighbours(PostSummary post);

  /** The posts beside one in its author's listing. */
  record Neighbours(Optional<PostSummary> older, Optional<PostSummary> newer) {}

  /** Creates a post; CONFLICT when {@code claim}'s key is already taken (nothing is written). */
  Write create(Post post, Optional<IdempotencyRecord> claim);

  Optional<IdempotencyRecord> findIdempotency(String userId, String key);

  /**
   * Replaces what the author wrote and, for imports, the date and counters, moving counts when the
   * type changes. CONFLICT when the post is gone or no longer matches {@code before}.
   */
  Write replace(PostSummary before, Post after);

  /**
   * Writes a post again exactly as it is, with every projection the current code gives a post (the
   * studio's keys, the category, tag and month entries and their totals): what a data migration
   * does to posts written before those projections existed. CONFLICT as for {@link #replace}.
   */
  Write backfill(Post current, String migration);

  /** A page of post ids in storage order, and the opaque position after it (none at the end). */
  record IdPage(List<String> postIds, Optional<String> next) {}

  /** Every post, a page at a time, for data migrations (a Scan: never on a request path). */
  IdPage allPostIds(int limit, Optional<String> after);

  /** Deletes a post and subtracts it from the totals; CONFLICT as for {@link #replace}. */
  Write delete(PostSummary current);

  /** The post's saved versions, newest first (without their text). */
  List<Revision.Entry> revisions(String postId);

  /** One saved version of the post, if it is still kept. */
  Optional<Revision> revision(String postId, long version);

  /** Whether {@code followerId} follows {@code authorId}. */
  boolean follows(String followerId, String authorId);

  /** A page of an author's posts in every state for the studio, newest-updated first. */
  StorePage<PostSummary> studio(
      String authorId, StudioQuery query, Optional<Map<String, String>> after);

  /** A page of an author's published followers-only posts, newest first. */
  StorePage<PostSummaryItems.FollowersEntry> followersPosts(
      String authorId, int limit, Optional<Map<String, String>> after);

  /** sourceId -> postId for the given sourceIds an author has imported before. */
  Map<String, String> importedPostIds(String userId, Collection<String> sourceIds);

  /** The list items of the given posts that exist, by postId, read consistently. */
  Map<String, PostSummary> summaries(Collection<String> postIds);

  /**
   * Creates an imported post and maps its sourceId to it. CONFLICT when the sourceId is mapped
   * already (to anything but {@code stalePostId}, a post that no longer exists).
   */
  Write createImported(Post post, Optional<String> stalePostId);
}
