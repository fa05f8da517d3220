package bloghome.comments;

import bloghome.auth.Caller;
import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.IdempotencyClaim;
import bloghome.comments.CommentStore.IdempotentResult;
import bloghome.comments.CommentViews.CreateOutcome;
import bloghome.errors.Problem;
import bloghome.errors.RetryLater;
import bloghome.ids.Ids;
import bloghome.table.TableKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Posting a comment or a reply: the checks of the text and of the comment replied to, the replay of
 * an Idempotency-Key already used, and the answer to a rate limit hit.
 */
final class CommentPosting {
  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  private final CommentStore store;
  private final Clock clock;
  private final CommentsConfig config;

  CommentPosting(CommentStore store, Clock clock, CommentsConfig config) {
    this.store = store;
    this.clock = clock;
    this.config = config;
  }

  /**
   * Creates a comment (or a reply when {@code replyTo} names a top-level comment of the same post).
   * With an Idempotency-Key, a retry of the same request returns the first result.
   */
  CreateOutcome create(
      Caller caller,
      String postId,
      String rawText,
      Optional<String> replyTo,
      Optional<String> idempotencyKey) {
    String text = CommentText.validate(rawText, "body", config.maxTextCodePoints());
    // Only a reader of the post may comment on it: the same refusal as reading it.
    CommentService.requireReadable(store, postId, Optional.of(caller.userId()));
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
      case CommentStore.PostMissing missing -> throw CommentService.postNotFound();
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
          CommentService.IDEMPOTENCY_HEADER,
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
}
