package bloghome.posts;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.profiles.UserIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The author's writes: create (idempotent by key), replace and delete a post. */
public final class Publishing {
  /** How long a create's Idempotency-Key is remembered. */
  public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

  private static final int KEY_MAX = 200;

  /** Optimistic retries when a post changes between our read and our conditional write. */
  private static final int ATTEMPTS = 5;

  private final PostStore store;
  private final Clock clock;

  public Publishing(PostStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A created post; {@code replayed} when an earlier request with the same key created it. */
  public record Created(Post post, boolean replayed) {}

  public Created create(
      Caller caller, String userId, JsonObject body, Optional<String> idempotencyKey) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    PostDraft draft = PostRules.draft(body);
    idempotencyKey.ifPresent(Publishing::requireValidKey);
    String requestHash = sha256(Json.write(draft.canonical()));
    Instant now = clock.instant();
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
            now,
            now,
            Counters.ZERO,
            Optional.empty());
    Post post =
        new Post(summary, draft.content(), draft.sourceUrl(), draft.tags(), draft.categories());
    Optional<IdempotencyRecord> claim =
        idempotencyKey.map(
            k -> new IdempotencyRecord(userId, k, requestHash, postId, now.plus(IDEMPOTENCY_TTL)));
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

  /** Replaces everything the author wrote (same body as a create); keeps date and counters. */
  public Post update(Caller caller, String postId, JsonObject body) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      PostSummary before = ownedSummary(caller, postId);
      PostDraft draft = PostRules.draft(body);
      PostSummary s = before;
      PostSummary summary =
          new PostSummary(
              s.postId(),
              s.authorId(),
              draft.type(),
              draft.title(),
              draft.summary(),
              s.publishedAt(),
              clock.instant(),
              s.counters(),
              s.sourceId());
      Post after =
          new Post(summary, draft.content(), draft.sourceUrl(), draft.tags(), draft.categories());
      if (store.replace(before, after) == PostStore.Write.DONE) {
        return after;
      }
    }
    throw busy();
  }

  /** Deletes the post and subtracts it from every total, exactly once. */
  public void delete(Caller caller, String postId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      PostSummary current = ownedSummary(caller, postId);
      if (store.delete(current) == PostStore.Write.DONE) {
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
