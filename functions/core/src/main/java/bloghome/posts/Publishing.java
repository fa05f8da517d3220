package bloghome.posts;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.log.Log;
import bloghome.profiles.UserIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The author's writes: create (idempotent by key), replace and delete a post. */
public final class Publishing {
  /** How long a create's Idempotency-Key is remembered. */
  public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

  private static final int KEY_MAX = 200;

  /** Optimistic retries when a post changes between our read and our conditional write. */
  private static final int ATTEMPTS = 5;

  private final PostStore store;
  private final Clock clock;
  private final PostScheduler scheduler;

  public Publishing(PostStore store, Clock clock) {
    this(store, clock, PostScheduler.NONE);
  }

  public Publishing(PostStore store, Clock clock, PostScheduler scheduler) {
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** A created post; {@code replayed} when an earlier request with the same key created it. */
  public record Created(Post post, boolean replayed) {}

  public Created create(
      Caller caller, String userId, JsonObject body, Optional<String> idempotencyKey) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    Instant now = clock.instant();
    PostDraft draft = PostRules.draft(body, now);
    idempotencyKey.ifPresent(Publishing::requireValidKey);
    String requestHash = sha256(Json.write(draft.canonical()));
    if (idempotencyKey.isPresent()) {
      Optional<IdempotencyRecord> earlier =
          live(store.findIdempotency(userId, idempotencyKey.get()), now);
      if (earlier.isPresent()) {
        return replay(earlier.get(), requestHash);
      }
    }
    String postId = Ids.newId("p");
    PostSummary summary =
        new PostSummary(
            postId,
            userId,
            draft.type(),
            draft.title(),
            draft.summary(),
            draft.publishAt().orElse(now),
            now,
            Counters.ZERO,
            Optional.empty(),
            draft.status(),
            draft.visibility(),
            draft.publishAt(),
            1);
    Post post = post(summary, draft);
    Optional<IdempotencyRecord> claim =
        idempotencyKey.map(
            k -> new IdempotencyRecord(userId, k, requestHash, postId, now.plus(IDEMPOTENCY_TTL)));
    // The schedule first: if the write then fails, the schedule finds no such post and does
    // nothing; the other way round a failure could leave a scheduled post that never appears.
    draft.publishAt().ifPresent(at -> scheduler.schedule(postId, at));
    if (store.create(post, claim) == PostStore.Write.DONE) {
      return new Created(post, false);
    }
    // A concurrent request with the same key won: answer as its replay.
    IdempotencyRecord winner =
        store
            .findIdempotency(userId, idempotencyKey.orElseThrow())
            .orElseThrow(
                () -> new IllegalStateException("idempotency record vanished after a conflict"));
    return replay(winner, requestHash);
  }

  private Created replay(IdempotencyRecord earlier, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw Problem.conflict(
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for a different request; use a new key for a new post.");
    }
    Post post =
        store
            .find(earlier.postId(), true)
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "POST_NOT_FOUND",
                        "The post created with this Idempotency-Key has since been deleted."));
    return new Created(post, true);
  }

  private Optional<IdempotencyRecord> live(Optional<IdempotencyRecord> record, Instant now) {
    // TTL deletes expired items lazily (within days), so expiry is checked here too.
    return record.filter(r -> r.expiresAt().isAfter(now));
  }

  /**
   * Replaces everything the author wrote (same body as a create, plus the {@code version} the edit
   * started from); keeps the counters, and the publication date while the post stays published.
   */
  public Post update(Caller caller, String postId, JsonObject body) {
    PostDraft draft = PostRules.update(body, clock.instant());
    return save(caller, postId, draft);
  }

  /**
   * Saves {@code draft} as the post's next version: refused with the stored post when the edit
   * started from another version; a schedule is made for a new publication time before the write
   * and the one replaced is removed after it.
   */
  private Post save(Caller caller, String postId, PostDraft draft) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      PostSummary before = ownedSummary(caller, postId);
      if (draft.expectedVersion().isPresent()
          && draft.expectedVersion().get() != before.version()) {
        throw new VersionConflict(store.find(postId, true).orElseThrow(PostListing::notFound));
      }
      Instant now = clock.instant();
      Instant publishedAt =
          switch (draft.status()) {
            case PUBLISHED -> before.status() == PostStatus.PUBLISHED ? before.publishedAt() : now;
            case SCHEDULED -> draft.publishAt().orElseThrow();
            case DRAFT -> before.publishedAt();
          };
      PostSummary summary =
          new PostSummary(
              before.postId(),
              before.authorId(),
              draft.type(),
              draft.title(),
              draft.summary(),
              publishedAt,
              now,
              before.counters(),
              before.sourceId(),
              draft.status(),
              draft.visibility(),
              draft.publishAt(),
              before.version() + 1);
      Post after = post(summary, draft);
      Optional<Instant> newTime =
          draft.publishAt().filter(at -> !before.publishAt().equals(draft.publishAt()));
      newTime.ifPresent(at -> scheduler.schedule(postId, at));
      if (store.replace(before, after) == PostStore.Write.DONE) {
        before
            .publishAt()
            .filter(at -> !draft.publishAt().equals(Optional.of(at)))
            .ifPresent(at -> cancelQuietly(postId, at));
        return after;
      }
    }
    throw busy();
  }

  /**
   * Saves revision {@code version} of the post as its next version: its text, type, tags and
   * categories; status, visibility and publication time stay as they are.
   */
  public Post restore(Caller caller, String postId, long version, JsonObject body) {
    body.allowOnly(Set.of("version"));
    Optional<Long> expected = body.optLong("version");
    PostSummary current = ownedSummary(caller, postId);
    Revision revision = store.revision(postId, version).orElseThrow(Publishing::noSuchRevision);
    PostDraft draft =
        new PostDraft(
            revision.type(),
            revision.entry().title(),
            revision.summary(),
            revision.content(),
            revision.sourceUrl(),
            revision.tags(),
            revision.categories(),
            revision.summaryDerived(),
            current.status(),
            current.visibility(),
            current.publishAt(),
            expected);
    return save(caller, postId, draft);
  }

  /** The post's saved versions, newest first (at most {@link Revision#KEPT}). */
  public List<Revision.Entry> revisions(Caller caller, String postId) {
    readableSummary(caller, postId);
    return store.revisions(postId);
  }

  public Revision revision(Caller caller, String postId, long version) {
    readableSummary(caller, postId);
    return store.revision(postId, version).orElseThrow(Publishing::noSuchRevision);
  }

  /** The owner's view of one post in any state; another user's token gets 404, as for drafts. */
  public Post ownedPost(Caller caller, String postId) {
    if (!Ids.looksValid(postId, "p")) {
      throw PostListing.notFound();
    }
    Post post = store.find(postId, true).orElseThrow(PostListing::notFound);
    if (!caller.is(post.summary().authorId())) {
      throw PostListing.notFound();
    }
    return post;
  }

  private PostSummary readableSummary(Caller caller, String postId) {
    if (!Ids.looksValid(postId, "p")) {
      throw PostListing.notFound();
    }
    PostSummary summary = store.findSummary(postId).orElseThrow(PostListing::notFound);
    if (!caller.is(summary.authorId())) {
      throw PostListing.notFound();
    }
    return summary;
  }

  private static Problem noSuchRevision() {
    return Problem.notFound(
        "REVISION_NOT_FOUND",
        "No such revision: the last " + Revision.KEPT + " saved versions of a post are kept.");
  }

  private void cancelQuietly(String postId, Instant at) {
    try {
      scheduler.cancel(postId, at);
    } catch (RuntimeException e) {
      // A schedule left behind fires for a time the post no longer has and does nothing.
      Log.warn("schedule_cancel_failed", Map.of("postId", postId, "error", e.toString()));
    }
  }

  private static Post post(PostSummary summary, PostDraft draft) {
    return new Post(
        summary,
        draft.content(),
        draft.sourceUrl(),
        draft.tags(),
        draft.categories(),
        draft.summaryDerived());
  }

  /** Deletes the post and subtracts it from every total, exactly once. */
  public void delete(Caller caller, String postId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      PostSummary current = ownedSummary(caller, postId);
      if (store.delete(current) == PostStore.Write.DONE) {
        current.publishAt().ifPresent(at -> cancelQuietly(postId, at));
        return;
      }
    }
    throw busy();
  }

  private PostSummary ownedSummary(Caller caller, String postId) {
    if (!Ids.looksValid(postId, "p")) {
      throw PostListing.notFound();
    }
    PostSummary summary = store.findSummary(postId).orElseThrow(PostListing::notFound);
    if (!caller.is(summary.authorId())) {
      throw Problem.forbidden("NOT_OWNER", "Only the author can change this post.");
    }
    return summary;
  }

  static Problem busy() {
    return Problem.conflict("POST_BUSY", "The post kept changing while we wrote it; try again.");
  }

  private static void requireValidKey(String key) {
    boolean ok =
        !key.isEmpty()
            && key.length() <= KEY_MAX
            && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (!ok) {
      throw Problem.invalid(
          "INVALID_IDEMPOTENCY_KEY",
          "Idempotency-Key",
          "Idempotency-Key must be 1-" + KEY_MAX + " printable ASCII characters without spaces.");
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
