package bloghome.comments;

import bloghome.auth.Caller;
import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.PostRef;
import bloghome.comments.CommentViews.CreateOutcome;
import bloghome.comments.CommentViews.ReplyPageView;
import bloghome.comments.CommentViews.ThreadPageView;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.JsonValue;
import bloghome.paging.CursorCodec;
import bloghome.paging.PageLimit;
import bloghome.paging.StorePage;
import bloghome.time.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comments use cases: create, list threads, list a thread's replies, delete. Creating ({@link
 * CommentPosting}: replies, idempotency, rate limits) and listing ({@link CommentListing}: cursors,
 * reply previews) are units of their own; this class is their one entry point and deletes.
 */
public final class CommentService {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  private static final int MAX_POST_ID_LENGTH = 100;
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final CommentStore store;
  private final Clock clock;
  private final CommentsConfig config;
  private final CommentPosting posting;
  private final CommentListing listing;
  private final CursorCodec cursors;

  public CommentService(
      CommentStore store, CursorCodec cursors, Clock clock, CommentsConfig config) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.posting = new CommentPosting(store, clock, config);
    this.listing = new CommentListing(store, cursors);
    this.cursors = cursors;
  }

  public CommentsConfig config() {
    return config;
  }

  /**
   * Creates a comment (or a reply when {@code replyTo} names a top-level comment of the same post).
   * With an Idempotency-Key, a retry of the same request returns the first result.
   */
  public CreateOutcome create(
      Caller caller,
      String postId,
      String rawText,
      Optional<String> replyTo,
      Optional<String> idempotencyKey) {
    return posting.create(caller, postId, rawText, replyTo, idempotencyKey);
  }

  /** A page of the post's threads, oldest first, as an anonymous reader may read them. */
  public ThreadPageView listThreads(
      String postId, Optional<String> limitParam, Optional<String> cursor) {
    return listThreads(postId, Optional.empty(), limitParam, cursor);
  }

  /**
   * A page of the post's threads, oldest first, for {@code viewer} (a signed-in user or empty):
   * refused exactly as reading the post is (see {@link #requireReadable}).
   */
  public ThreadPageView listThreads(
      String postId,
      Optional<String> viewer,
      Optional<String> limitParam,
      Optional<String> cursor) {
    return listing.threads(postId, viewer, limitParam, cursor);
  }

  /**
   * A page of one thread's replies, oldest first: from the start of the thread, or from a cursor
   * (the one a thread carries for its replies beyond the first, or a previous page's).
   */
  public ReplyPageView listReplies(
      String postId,
      String replyTo,
      Optional<String> viewer,
      Optional<String> limitParam,
      Optional<String> cursor) {
    return listing.replies(postId, replyTo, viewer, limitParam, cursor);
  }

  // ------------------------------------------------------------------ studio

  /**
   * A page of the studio's list of comments on the caller's posts: each {@code commentId, postId,
   * postTitle, authorId, authorName, excerpt, createdAt} (the excerpt is the pointer's first 80
   * code points of the text, so the page costs one Query).
   */
  public record StudioPage(List<RecentComments.Recent> items, String nextCursor)
      implements JsonValue {
    @Override
    public Map<String, Object> toJson() {
      List<Map<String, Object>> list = new ArrayList<>(items.size());
      for (RecentComments.Recent r : items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commentId", r.commentId());
        m.put("postId", r.postId());
        m.put("postTitle", r.postTitle());
        m.put("authorId", r.authorId());
        m.put("authorName", r.authorName());
        m.put("excerpt", r.excerpt());
        m.put("createdAt", Timestamps.format(r.createdAt()));
        list.add(m);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("items", list);
      json.put("nextCursor", nextCursor);
      return json;
    }
  }

  /**
   * {@code GET /studio/comments}: the comments on the caller's own posts (every state and
   * visibility), newest first, behind a cursor signed for the caller.
   */
  public StudioPage studio(Caller caller, Optional<String> limitParam, Optional<String> cursor) {
    int limit = PageLimit.parse(limitParam, DEFAULT_LIMIT, MAX_LIMIT);
    String scope = "studio-comments|" + caller.userId();
    if (cursor.isPresent() && cursor.get().isEmpty()) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    Optional<Map<String, String>> after = cursor.map(c -> cursors.decode(scope, c));
    StorePage<RecentComments.Recent> page = store.onPostsOf(caller.userId(), limit, after);
    return new StudioPage(
        page.items(), page.next().map(p -> cursors.encode(scope, p)).orElse(null));
  }

  // ------------------------------------------------------------------ delete

  /**
   * Deletes a comment for its author or the post's author. A retried delete finds the tombstone and
   * changes nothing.
   */
  public void delete(Caller caller, String commentId) {
    Optional<CommentRef> found =
        Ids.looksValid(commentId, Comment.ID_PREFIX) ? store.findRef(commentId) : Optional.empty();
    CommentRef ref = found.orElseThrow(CommentService::commentNotFound);
    PostRef post = store.findPost(ref.postId(), true).orElseThrow(CommentService::commentNotFound);
    if (!caller.is(ref.authorId()) && !caller.is(post.authorId())) {
      throw Problem.forbidden(
          "NOT_COMMENT_OR_POST_AUTHOR",
          "Only the comment's author or the post's author can delete it.");
    }
    if (ref.deleted()) {
      return;
    }
    if (store.delete(ref, clock.instant()) instanceof CommentStore.DeleteTargetMissing) {
      throw commentNotFound();
    }
  }

  // ------------------------------------------------------------------ shared

  static PostRef requirePost(CommentStore store, String postId) {
    requirePlausiblePostId(postId);
    return store.findPost(postId, false).orElseThrow(CommentService::postNotFound);
  }

  /**
   * The post, if {@code viewer} may read it, with the rule of the post read ({@code
   * PostListing.read}): everyone reads listed posts, the author every state, followers
   * followers-only posts (anyone else 403 {@code FOLLOWERS_ONLY}); drafts, scheduled and private
   * posts are 404 as a missing post, so their existence is not told.
   */
  static PostRef requireReadable(CommentStore store, String postId, Optional<String> viewer) {
    PostRef post = requirePost(store, postId);
    if (post.listed() || viewer.filter(post.authorId()::equals).isPresent()) {
      return post;
    }
    if (post.followersOnly()) {
      if (viewer.isPresent() && store.follows(viewer.get(), post.authorId())) {
        return post;
      }
      throw Problem.forbidden(
          "FOLLOWERS_ONLY",
          "This post is for the author's followers: follow the author to read it.");
    }
    throw postNotFound();
  }

  static void requirePlausiblePostId(String postId) {
    if (postId.length() > MAX_POST_ID_LENGTH || postId.indexOf('#') >= 0) {
      throw postNotFound();
    }
  }

  static Problem postNotFound() {
    return Problem.notFound("POST_NOT_FOUND", "No such post (it may have been deleted).");
  }

  private static Problem commentNotFound() {
    return Problem.notFound("COMMENT_NOT_FOUND", "No such comment.");
  }
}
