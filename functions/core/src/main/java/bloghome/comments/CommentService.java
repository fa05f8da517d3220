package bloghome.comments;

import bloghome.auth.Caller;
import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.IdempotencyClaim;
import bloghome.comments.CommentStore.IdempotentResult;
import bloghome.comments.CommentStore.Keyed;
import bloghome.comments.CommentStore.PostRef;
import bloghome.comments.CommentViews.CreateOutcome;
import bloghome.comments.CommentViews.ReplyPageView;
import bloghome.comments.CommentViews.ThreadPageView;
import bloghome.comments.CommentViews.ThreadView;
import bloghome.errors.Problem;
import bloghome.http.PageLimit;
import bloghome.http.RetryLater;
import bloghome.ids.Ids;
import bloghome.paging.CursorCodec;
import bloghome.table.TableKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comments use cases: create, list threads, list a thread's replies, delete. */
public final class CommentService {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  private static final int MAX_POST_ID_LENGTH = 100;
  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final CommentStore store;
  private final CursorCodec cursors;
  private final Clock clock;
  private final CommentsConfig config;

  public CommentService(
      CommentStore store, CursorCodec cursors, Clock clock, CommentsConfig config) {
    this.store = store;
    this.cursors = cursors;
    this.clock = clock;
    this.config = config;
  }

  public CommentsConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ create

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
    String text = CommentText.validate(rawText, "body", config.maxTextCodePoints());
    requirePlausiblePostId(postId);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

    Optional<IdempotencyClaim> claim =
        idempotencyKey.map(
            key ->
                new IdempotencyClaim(
                    caller.userId(),
                    validIdempotencyKey(key),
                    requestHash(postId, replyTo, rawText),
                    now.plus(config.idempotencyTtl())));
    if (claim.isPresent()) {
      Optional<IdempotentResult> previous =
          store.findIdempotent(caller.userId(), claim.get().key());
      if (previous.isPresent()) {
        return replay(previous.get(), claim.get());
      }
    }

    String parentSk = null;
    if (replyTo.isPresent()) {
      parentSk = parentOf(postId, replyTo.get()).sk();
    }
    String authorName = store.displayName(caller.userId()).orElse(caller.userId());
    String commentId = Ids.newId(Comment.ID_PREFIX);
    String sk =
        parentSk == null
            ? TableKeys.topLevelCommentSk(now, commentId)
            : TableKeys.replySk(parentSk, now, commentId);
    Comment comment =
        new Comment(
            commentId, postId, caller.userId(), authorName, text, replyTo.orElse(null), now, false);

    return switch (store.create(
        new CommentStore.NewComment(comment, sk, parentSk),
        claim,
        config.rateLimit().windowsAt(now),
        now)) {
      case CommentStore.Created created -> new CreateOutcome(created.comment(), false);
      case CommentStore.Replayed replayed -> replay(replayed.previous(), claim.orElseThrow());
      case CommentStore.RateLimited limited ->
          throw new RetryLater(
              "RATE_LIMITED",
              "Too many comments: at most "
                  + describe(config.rateLimit())
                  + ". Try again in "
                  + limited.retryAfterSeconds()
                  + " seconds.",
              limited.retryAfterSeconds());
      case CommentStore.PostMissing missing -> throw postNotFound();
      case CommentStore.ParentGone gone ->
          throw Problem.invalid(
              "REPLY_TO_DELETED", "replyTo", "The comment being replied to has been deleted.");
    };
  }

  private CommentRef parentOf(String postId, String replyTo) {
    Optional<CommentRef> parent =
        Ids.looksValid(replyTo, Comment.ID_PREFIX) ? store.findRef(replyTo) : Optional.empty();
    if (parent.isEmpty()) {
      throw Problem.invalid("REPLY_TO_NOT_FOUND", "replyTo", "replyTo names no comment.");
    }
    CommentRef ref = parent.get();
    if (!ref.postId().equals(postId)) {
      throw Problem.invalid(
          "REPLY_TO_OTHER_POST", "replyTo", "replyTo names a comment of another post.");
    }
    if (ref.isReply()) {
      throw Problem.invalid(
          "REPLY_TO_REPLY",
          "replyTo",
          "Replies nest one level: reply to the top-level comment " + ref.replyTo() + " instead.");
    }
    if (ref.deleted()) {
      throw Problem.invalid(
          "REPLY_TO_DELETED", "replyTo", "The comment being replied to has been deleted.");
    }
    return ref;
  }

  private static CreateOutcome replay(IdempotentResult previous, IdempotencyClaim claim) {
    if (!previous.requestHash().equals(claim.requestHash())) {
      throw Problem.conflict(
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was already used for a different comment; use a new key.");
    }
    return new CreateOutcome(previous.comment(), true);
  }

  private static String validIdempotencyKey(String key) {
    boolean ok = !key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = c > 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw Problem.invalid(
          "INVALID_IDEMPOTENCY_KEY",
          IDEMPOTENCY_HEADER,
          "Idempotency-Key must be 1 to 128 visible ASCII characters (a UUID is a good choice).");
    }
    return key;
  }

  /** What makes two requests "the same": the post, the parent and the text exactly as sent. */
  private static String requestHash(String postId, Optional<String> replyTo, String rawText) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(postId, replyTo.orElse(""), rawText)) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(RateLimit limit) {
    List<String> parts = new ArrayList<>();
    if (limit.perMinute() > 0) {
      parts.add(limit.perMinute() + " per minute");
    }
    if (limit.perHour() > 0) {
      parts.add(limit.perHour() + " per hour");
    }
    return String.join(" and ", parts);
  }

  // ------------------------------------------------------------------ list

  /** A page of the post's threads, oldest first. */
  public ThreadPageView listThreads(
      String postId, Optional<String> limitParam, Optional<String> cursor) {
    int limit = PageLimit.parse(limitParam, DEFAULT_LIMIT, MAX_LIMIT);
    String scope = "comments|" + postId + "|threads";
    Optional<String> after = cursor.map(c -> required(cursors.decode(scope, c), "after"));
    PostRef post = requirePost(postId);

    CommentStore.ThreadPage page = store.threads(postId, after, limit);
    List<ThreadView> items = new ArrayList<>(page.threads().size());
    for (CommentStore.Thread thread : page.threads()) {
      List<Comment> replies = thread.preview().stream().map(Keyed::comment).toList();
      String repliesCursor = null;
      if (thread.replyCount() > replies.size()) {
        // The rest are the replies not shown inline. Normally those all sort after the shown
        // ones, but replies written in the same millisecond (or under clock skew) may not, so the
        // cursor pages the thread from its start and skips the shown ones.
        Map<String, String> position = new LinkedHashMap<>();
        position.put("thread", thread.top().sk());
        position.put("hidden", "only");
        repliesCursor =
            cursors.encode(repliesScope(postId, thread.top().comment().commentId()), position);
      }
      items.add(
          new ThreadView(thread.top().comment(), replies, thread.replyCount(), repliesCursor));
    }
    String next =
        page.more() && !page.threads().isEmpty()
            ? cursors.encode(scope, Map.of("after", page.threads().getLast().top().sk()))
            : null;
    return new ThreadPageView(postId, post.comments(), items, next);
  }

  /**
   * A page of one thread's replies, oldest first: from the start of the thread, or from a cursor
   * (the one a thread carries for its replies beyond the first, or a previous page's).
   */
  public ReplyPageView listReplies(
      String postId, String replyTo, Optional<String> limitParam, Optional<String> cursor) {
    int limit = PageLimit.parse(limitParam, DEFAULT_LIMIT, MAX_LIMIT);
    String scope = repliesScope(postId, replyTo);
    String parentSk;
    Optional<String> after;
    boolean hiddenOnly = false;
    if (cursor.isPresent()) {
      Map<String, String> position = cursors.decode(scope, cursor.get());
      parentSk = required(position, "thread");
      after = Optional.ofNullable(position.get("after"));
      hiddenOnly = position.containsKey("hidden");
      requirePost(postId);
    } else {
      requirePost(postId);
      CommentRef parent =
          (Ids.looksValid(replyTo, Comment.ID_PREFIX)
                  ? store.findRef(replyTo)
                  : Optional.<CommentRef>empty())
              .filter(ref -> ref.postId().equals(postId) && !ref.isReply())
              .orElseThrow(
                  () ->
                      Problem.invalid(
                          "REPLY_TO_NOT_FOUND",
                          "replyTo",
                          "replyTo names no top-level comment of this post."));
      parentSk = parent.sk();
      after = Optional.empty();
    }

    CommentStore.ReplyPage page = store.replies(postId, parentSk, after, limit, hiddenOnly);
    String next = null;
    if (page.more() && !page.replies().isEmpty()) {
      Map<String, String> position = new LinkedHashMap<>();
      position.put("thread", parentSk);
      position.put("after", page.replies().getLast().sk());
      if (hiddenOnly) {
        position.put("hidden", "only");
      }
      next = cursors.encode(scope, position);
    }
    return new ReplyPageView(
        postId, replyTo, page.replies().stream().map(Keyed::comment).toList(), next);
  }

  private static String repliesScope(String postId, String parentId) {
    return "comments|" + postId + "|replies|" + parentId;
  }

  private static String required(Map<String, String> position, String name) {
    String value = position.get(name);
    if (value == null) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    return value;
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

  private PostRef requirePost(String postId) {
    requirePlausiblePostId(postId);
    return store.findPost(postId, false).orElseThrow(CommentService::postNotFound);
  }

  private static void requirePlausiblePostId(String postId) {
    if (postId.length() > MAX_POST_ID_LENGTH || postId.indexOf('#') >= 0) {
      throw postNotFound();
    }
  }

  private static Problem postNotFound() {
    return Problem.notFound("POST_NOT_FOUND", "No such post (it may have been deleted).");
  }

  private static Problem commentNotFound() {
    return Problem.notFound("COMMENT_NOT_FOUND", "No such comment.");
  }
}
