package bloghome.posts;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.JsonObject;
import bloghome.profiles.UserIds;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a blog over from another platform. Each post is judged and written on its own (one bad post
 * does not reject the others), and its sourceId makes the import repeatable: importing the same
 * sourceId again updates the post it created and applies the differences to the totals.
 */
public final class Importer {
  public static final int MAX_POSTS = 100;
  private static final int ATTEMPTS = 5;

  private final PostStore store;
  private final Clock clock;

  public Importer(PostStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public ImportReport importPosts(Caller caller, String userId, JsonObject body) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    body.allowOnly(Set.of("posts"));
    List<Object> posts =
        body.optArray("posts")
            .orElseThrow(() -> Problem.invalid("INVALID_POSTS", "posts", "posts is required."));
    if (posts.isEmpty() || posts.size() > MAX_POSTS) {
      throw Problem.invalid(
          "INVALID_POSTS",
          "posts",
          "posts must hold 1-" + MAX_POSTS + " posts; it has " + posts.size() + ".");
    }
    Instant now = clock.instant();
    ImportReport.Result[] results = new ImportReport.Result[posts.size()];
    Map<Integer, ImportDraft> valid = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < posts.size(); i++) {
      String path = "posts[" + i + "]";
      try {
        ImportDraft draft = PostRules.importDraft(posts.get(i), path, now);
        if (!seen.add(draft.sourceId())) {
          throw Problem.invalid(
              "DUPLICATE_SOURCE_ID",
              path + ".sourceId",
              "This sourceId appears earlier in the same request.");
        }
        valid.put(i, draft);
      } catch (Problem rejected) {
        results[i] = ImportReport.Result.rejected(i, sourceIdOf(posts.get(i)), rejected);
      }
    }

    List<String> sourceIds = valid.values().stream().map(ImportDraft::sourceId).toList();
    Map<String, String> mapped =
        sourceIds.isEmpty() ? Map.of() : store.importedPostIds(userId, sourceIds);
    Map<String, PostSummary> existing =
        mapped.isEmpty() ? Map.of() : store.summaries(mapped.values());
    for (int i = 0; i < posts.size(); i++) {
      ImportDraft draft = valid.get(i);
      if (draft == null) {
        continue;
      }
      String postId = mapped.get(draft.sourceId());
      PostSummary before = postId == null ? null : existing.get(postId);
      try {
        results[i] = importOne(i, userId, draft, postId, before, now);
      } catch (Problem rejected) {
        results[i] = ImportReport.Result.rejected(i, Optional.of(draft.sourceId()), rejected);
      }
    }
    return new ImportReport(List.of(results));
  }

  private ImportReport.Result importOne(
      int index, String userId, ImportDraft draft, String postId, PostSummary before, Instant now) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (before != null) {
        Post after = post(before.postId(), userId, draft, now);
        if (store.replace(before, after) == PostStore.Write.DONE) {
          return ImportReport.Result.stored(
              index, draft.sourceId(), ImportReport.Status.UPDATED, before.postId());
        }
        before = store.findSummary(postId).orElse(null);
      } else {
        // New, or mapped to a post deleted since: a fresh post takes over the sourceId.
        Post created = post(Ids.newId("p"), userId, draft, now);
        if (store.createImported(created, Optional.ofNullable(postId)) == PostStore.Write.DONE) {
          return ImportReport.Result.stored(
              index, draft.sourceId(), ImportReport.Status.CREATED, created.postId());
        }
        // Someone imported the same sourceId meanwhile: update theirs instead.
        postId = store.importedPostIds(userId, List.of(draft.sourceId())).get(draft.sourceId());
        before = postId == null ? null : store.findSummary(postId).orElse(null);
      }
    }
    throw Publishing.busy();
  }

  private static Post post(String postId, String userId, ImportDraft d, Instant now) {
    PostDraft draft = d.draft();
    PostSummary summary =
        new PostSummary(
            postId,
            userId,
            draft.type(),
            draft.title(),
            draft.summary(),
            d.publishedAt(),
            now,
            d.counters(),
            Optional.of(d.sourceId()));
    return new Post(summary, draft.content(), draft.sourceUrl(), draft.tags(), draft.categories());
  }

  /** For the report, the sourceId of a rejected post when it has a readable one. */
  private static Optional<String> sourceIdOf(Object element) {
    if (element instanceof Map<?, ?> map
        && map.get("sourceId") instanceof String s
        && !s.isBlank()
        && s.length() <= 4 * PostRules.SOURCE_ID_MAX) {
      return Optional.of(s);
    }
    return Optional.empty();
  }
}
