package bloghome.manage.api;

import static bloghome.manage.api.BlogApiClient.error;
import static bloghome.manage.api.BlogApiClient.items;
import static bloghome.manage.api.BlogApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import bloghome.config.Env;
import bloghome.listing.api.ListingHandler;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import bloghome.stats.DynamoDbFollowStore;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drafts, scheduled posts, visibility, versions, revisions and the owner's API (issue 19), end to
 * end through the local gateway (routes and JWT checks from template.yaml) on the local DynamoDB:
 * every transition with the counts it must leave (listing totals per type, the profile's posts).
 */
@ExtendWith(LocalAwsExtension.class)
class StudioApiIT {
  private TestGateway gateway;
  private BlogApiClient api;
  private DynamoDbFollowStore follows;

  @BeforeEach
  void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    var listing = new ListingHandler(aws.dynamoDbClient(), table, PostsApiIT.CURSOR_KEY, clock);
    var manage = new ManageHandler(aws.dynamoDbClient(), table, clock);
    gateway = aws.gateway(Map.of("ListingFunction", listing, "ManageFunction", manage));
    api = new BlogApiClient(gateway);
    follows = new DynamoDbFollowStore(aws.dynamoDbClient(), table);
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));
    api.put("/users/bob", "bob", Map.of("displayName", "Bob"));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  // ------------------------------------------------------------------ transitions and counts

  @Test
  void draft_isInvisibleAndUncounted_untilPublished_thenCountedOnce() {
    var draft = create("alice", body("status", "draft", "title", "Half done"));
    String id = (String) draft.get("postId");
    assertThat(draft)
        .containsEntry("status", "draft")
        .containsEntry("version", 1L)
        .containsEntry("publishedAt", null);

    assertCounts("alice", 0, 0);
    assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(404);
    assertThat(error(api.get("/posts/" + id)).get("code")).isEqualTo("POST_NOT_FOUND");
    assertThat(api.send("GET", "/reader/posts/" + id, "bob", null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "/reader/posts/" + id, "alice", null).statusCode()).isEqualTo(200);

    var published = save(id, body("status", "published", "title", "Done", "version", 1));
    assertThat(published).containsEntry("status", "published").containsEntry("version", 2L);
    assertThat(published.get("publishedAt")).isNotNull();
    assertCounts("alice", 1, 1);
    assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(200);
    assertThat(items(api.get("/users/alice/posts"))).extracting(p -> p.get("postId")).contains(id);

    // Saving it again (still published) keeps its date and its single count.
    var again = save(id, body("title", "Done, edited", "version", 2));
    assertThat(again.get("publishedAt")).isEqualTo(published.get("publishedAt"));
    assertCounts("alice", 1, 1);

    // Unpublishing takes it out again.
    save(id, body("status", "draft", "version", 3));
    assertCounts("alice", 0, 0);
    assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void visibility_movesThePostBetweenTheListingsAndTotals_typeTotalsIncluded() {
    var post = create("alice", body("type", "repost", "sourceUrl", "https://example.org/a"));
    String id = (String) post.get("postId");
    assertCounts("alice", 1, 1);
    assertThat(typeTotal("alice", "repost")).isEqualTo(1);

    save(id, body("type", "repost", "sourceUrl", "https://example.org/a", "visibility", "private"));
    assertCounts("alice", 0, 0);
    assertThat(typeTotal("alice", "repost")).isZero();
    assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "/reader/posts/" + id, "bob", null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "/reader/posts/" + id, "alice", null).statusCode()).isEqualTo(200);

    // A type change while unlisted moves no total; going public again counts the new type.
    save(id, body("visibility", "private"));
    assertThat(typeTotal("alice", "original")).isZero();
    save(id, body("visibility", "public"));
    assertCounts("alice", 1, 1);
    assertThat(typeTotal("alice", "original")).isEqualTo(1);
    assertThat(typeTotal("alice", "repost")).isZero();
  }

  @Test
  void followersOnly_isReadByTheAuthorAndFollowers_only_andListedOnlyForThem() {
    follows.follow("bob", "alice", Instant.now());
    var post = create("alice", body("visibility", "followers", "title", "For fans"));
    String id = (String) post.get("postId");
    create("alice", body("title", "For all"));

    assertCounts("alice", 1, 1);
    HttpResponse<String> anonymous = api.get("/posts/" + id);
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(error(anonymous).get("code")).isEqualTo("FOLLOWERS_ONLY");
    assertThat(api.send("GET", "/reader/posts/" + id, "carol", null).statusCode()).isEqualTo(403);
    HttpResponse<String> follower = api.send("GET", "/reader/posts/" + id, "bob", null);
    assertThat(follower.statusCode()).isEqualTo(200);
    assertThat(follower.headers().firstValue("cache-control")).hasValue("private, no-store");
    assertThat(json(follower)).containsEntry("title", "For fans");

    for (String reader : List.of("alice", "bob")) {
      HttpResponse<String> list = api.send("GET", "/users/alice/followers-posts", reader, null);
      assertThat(list.statusCode()).as(reader).isEqualTo(200);
      assertThat(items(list)).extracting(p -> p.get("title")).containsExactly("For fans");
    }
    HttpResponse<String> stranger = api.send("GET", "/users/alice/followers-posts", "carol", null);
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(error(stranger).get("code")).isEqualTo("FOLLOWERS_ONLY");
    assertThat(api.get("/users/alice/followers-posts").statusCode()).isEqualTo(401);
    assertThat(items(api.get("/users/alice/posts")))
        .extracting(p -> p.get("title"))
        .containsExactly("For all");

    // Made public, it leaves the followers' list and joins the public listing and totals.
    save(id, body("title", "For fans", "visibility", "public"));
    assertCounts("alice", 2, 2);
    assertThat(items(api.send("GET", "/users/alice/followers-posts", "bob", null))).isEmpty();
    assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void delete_ofADraftOrAPrivatePost_movesNoTotal_andOfAListedPost_exactlyOne() {
    var draft = create("alice", body("status", "draft"));
    var secret = create("alice", body("visibility", "private"));
    var listed = create("alice", body());
    assertCounts("alice", 1, 1);

    assertThat(api.delete("/posts/" + draft.get("postId"), "alice").statusCode()).isEqualTo(204);
    assertThat(api.delete("/posts/" + secret.get("postId"), "alice").statusCode()).isEqualTo(204);
    assertCounts("alice", 1, 1);
    assertThat(api.delete("/posts/" + listed.get("postId"), "alice").statusCode()).isEqualTo(204);
    assertCounts("alice", 0, 0);
    HttpResponse<String> gone =
        api.send("GET", "/posts/" + listed.get("postId") + "/revisions", "alice", null);
    assertThat(gone.statusCode()).isEqualTo(404);
  }

  @Test
  void scheduled_isInvisibleAndUncounted_withItsTimeOnTheWire() {
    String at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    var post = create("alice", body("status", "scheduled", "publishAt", at));
    assertThat(post).containsEntry("status", "scheduled").containsEntry("publishedAt", null);
    assertThat(Instant.parse((String) post.get("publishAt"))).isEqualTo(Instant.parse(at));
    assertCounts("alice", 0, 0);
    assertThat(api.get("/posts/" + post.get("postId")).statusCode()).isEqualTo(404);

    HttpResponse<String> past =
        api.post(
            "/users/alice/posts",
            "alice",
            body("status", "scheduled", "publishAt", "2020-01-01T00:00:00Z"));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(error(past).get("field")).isEqualTo("publishAt");
  }

  @Test
  void importedPrivateOrDraftPosts_areNotCounted() {
    HttpResponse<String> r =
        api.post(
            "/users/alice/posts/import",
            "alice",
            Map.of(
                "posts",
                List.of(
                    importPost("old-1", "public"),
                    importPost("old-2", "private"),
                    importPost("old-3", "followers"))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertCounts("alice", 1, 1);
    // Imported again as public: the differences move the totals.
    api.post(
        "/users/alice/posts/import",
        "alice",
        Map.of("posts", List.of(importPost("old-2", "public"), importPost("old-3", "public"))));
    assertCounts("alice", 3, 3);
  }

  // ------------------------------------------------------------------ versions

  @Test
  void saveFromAnOldVersion_is409VersionConflict_withTheStoredPost() {
    String id = (String) create("alice", body("status", "draft", "title", "v1")).get("postId");
    save(id, body("status", "draft", "title", "from tab A", "version", 1));

    HttpResponse<String> late =
        api.put(
            "/posts/" + id, "alice", body("status", "draft", "title", "from tab B", "version", 1));

    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(error(late))
        .containsEntry("code", "VERSION_CONFLICT")
        .containsEntry("field", "version");
    @SuppressWarnings("unchecked")
    var current = (Map<String, Object>) json(late).get("current");
    assertThat(current).containsEntry("title", "from tab A").containsEntry("version", 2L);
    // Without a version the save is unconditional (older clients).
    assertThat(api.put("/posts/" + id, "alice", body("status", "draft")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void concurrentSaves_fromOneVersion_exactlyOneWins_theOthersGetTheWinner() throws Exception {
    String id = (String) create("alice", body("status", "draft")).get("postId");
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      calls.add(
          () ->
              api.put(
                  "/posts/" + id,
                  "alice",
                  body("status", "draft", "title", "tab " + n, "version", 1)));
    }

    List<HttpResponse<String>> responses = runAll(calls);

    List<HttpResponse<String>> won = responses.stream().filter(r -> r.statusCode() == 200).toList();
    assertThat(won).hasSize(1);
    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 409));
    Object winner = json(won.get(0)).get("title");
    for (HttpResponse<String> r : responses) {
      if (r.statusCode() == 409) {
        @SuppressWarnings("unchecked")
        var current = (Map<String, Object>) json(r).get("current");
        assertThat(current).containsEntry("title", winner).containsEntry("version", 2L);
      }
    }
    assertThat(json(api.send("GET", "/studio/posts/" + id, "alice", null)))
        .containsEntry("version", 2L)
        .containsEntry("title", winner);
  }

  @Test
  void replayedCreate_ofADraft_withTheSameKey_isOnePost() {
    Map<String, Object> body = body("status", "draft", "title", "Once");
    HttpResponse<String> first =
        api.post("/users/alice/posts", "alice", body, "idempotency-key", "draft-1");
    HttpResponse<String> again =
        api.post("/users/alice/posts", "alice", body, "idempotency-key", "draft-1");

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("idempotent-replayed")).hasValue("true");
    assertThat(json(again).get("postId")).isEqualTo(json(first).get("postId"));
    assertThat(items(api.send("GET", "/studio/posts", "alice", null))).hasSize(1);
    assertCounts("alice", 0, 0);
  }

  // ------------------------------------------------------------------ revisions

  @Test
  void revisions_keepTheLast20_eachReadable_andRestoreSavesANewVersion() {
    String id = (String) create("alice", body("status", "draft", "title", "t1")).get("postId");
    for (int v = 2; v <= 23; v++) {
      save(id, body("status", "draft", "title", "t" + v, "content", "text " + v));
    }

    HttpResponse<String> list = api.send("GET", "/posts/" + id + "/revisions", "alice", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(items(list)).hasSize(20);
    assertThat(items(list).get(0)).containsEntry("version", 23L).containsEntry("title", "t23");
    assertThat(items(list).get(19)).containsEntry("version", 4L);
    assertThat(items(list).get(0).get("bytes")).isEqualTo(7L);
    var four = api.send("GET", "/posts/" + id + "/revisions/4", "alice", null);
    assertThat(json(four)).containsEntry("title", "t4").containsEntry("content", "text 4");
    assertThat(api.send("GET", "/posts/" + id + "/revisions/3", "alice", null).statusCode())
        .isEqualTo(404);
    assertThat(api.send("GET", "/posts/" + id + "/revisions/4", "bob", null).statusCode())
        .isEqualTo(404);

    HttpResponse<String> stale =
        api.post("/posts/" + id + "/revisions/5/restore", "alice", Map.of("version", 22));
    assertThat(stale.statusCode()).isEqualTo(409);
    HttpResponse<String> restored =
        api.post("/posts/" + id + "/revisions/5/restore", "alice", Map.of("version", 23));
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(json(restored))
        .containsEntry("title", "t5")
        .containsEntry("content", "text 5")
        .containsEntry("version", 24L)
        .containsEntry("status", "draft");
    var after = items(api.send("GET", "/posts/" + id + "/revisions", "alice", null));
    assertThat(after).hasSize(20);
    assertThat(after.get(0)).containsEntry("version", 24L).containsEntry("title", "t5");
    assertThat(after.get(19)).containsEntry("version", 5L);
  }

  // ------------------------------------------------------------------ the studio's list

  @Test
  void studioPosts_listsMyPostsInEveryState_filtered_searched_paged_andOnlyMine() {
    create("alice", body("status", "draft", "title", "Draft about Redis"));
    create("alice", body("visibility", "private", "title", "Private notes"));
    create("alice", body("visibility", "followers", "title", "Fans only"));
    create(
        "alice",
        body("type", "translated", "sourceUrl", "https://example.org/x", "title", "Redis 分布式锁"));
    String at = Instant.now().plus(2, ChronoUnit.DAYS).toString();
    create("alice", body("status", "scheduled", "publishAt", at, "title", "Later"));
    create("bob", body("title", "Bob's"));

    HttpResponse<String> all = api.send("GET", "/studio/posts", "alice", null);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(items(all))
        .extracting(p -> p.get("title"))
        .containsExactly("Later", "Redis 分布式锁", "Fans only", "Private notes", "Draft about Redis");
    assertThat(items(all).get(0))
        .containsKeys(
            "postId",
            "type",
            "status",
            "visibility",
            "publishAt",
            "publishedAt",
            "updatedAt",
            "version",
            "views",
            "comments",
            "likes",
            "favorites");

    assertThat(titles("alice", "state=draft")).containsExactly("Draft about Redis");
    assertThat(titles("alice", "state=scheduled")).containsExactly("Later");
    assertThat(titles("alice", "state=published")).containsExactly("Redis 分布式锁");
    assertThat(titles("alice", "state=private")).containsExactly("Private notes");
    assertThat(titles("alice", "state=followers")).containsExactly("Fans only");
    assertThat(titles("alice", "type=translated")).containsExactly("Redis 分布式锁");
    assertThat(titles("alice", "q=redis")).containsExactly("Redis 分布式锁", "Draft about Redis");
    assertThat(titles("alice", "q=%E5%88%86%E5%B8%83")).containsExactly("Redis 分布式锁");
    assertThat(titles("alice", "q=redis&state=draft")).containsExactly("Draft about Redis");
    assertThat(titles("bob", "")).containsExactly("Bob's");

    // Paging two at a time returns every post once.
    Set<Object> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<String> page =
          api.send(
              "GET",
              "/studio/posts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              "alice",
              null);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      items(page).forEach(p -> assertThat(seen.add(p.get("postId"))).isTrue());
      cursor = (String) json(page).get("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(5);
    assertThat(pages).isEqualTo(3);

    // A cursor is bound to its owner and filters.
    String first =
        (String) json(api.send("GET", "/studio/posts?limit=1", "alice", null)).get("nextCursor");
    assertThat(api.send("GET", "/studio/posts?limit=1&cursor=" + first, "bob", null).statusCode())
        .isEqualTo(400);
    assertThat(
            api.send("GET", "/studio/posts?state=draft&cursor=" + first, "alice", null)
                .statusCode())
        .isEqualTo(400);
    for (String bad : List.of("state=live", "type=essay", "limit=0", "limit=51", "cursor=")) {
      assertThat(api.send("GET", "/studio/posts?" + bad, "alice", null).statusCode())
          .as(bad)
          .isEqualTo(400);
    }
    assertThat(api.get("/studio/posts").statusCode()).isEqualTo(401);
  }

  @Test
  void studioPost_isTheOwnersView_404ForAnyoneElse() {
    var post =
        create(
            "alice",
            body("status", "draft", "categories", List.of("Java", "数据库"), "tags", List.of("jvm")));
    String id = (String) post.get("postId");

    HttpResponse<String> mine = api.send("GET", "/studio/posts/" + id, "alice", null);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(json(mine))
        .containsEntry("summary", "")
        .containsEntry("content", "Some text.")
        .containsEntry("categories", List.of("Java", "数据库"))
        .containsEntry("tags", List.of("jvm"))
        .containsEntry("version", 1L);
    assertThat(api.send("GET", "/studio/posts/" + id, "bob", null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "/studio/posts/p_nope", "alice", null).statusCode()).isEqualTo(404);
    // Another user's write is refused as before.
    assertThat(api.put("/posts/" + id, "bob", body()).statusCode()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ the profile's avatar

  @Test
  void avatar_ownAvatarUrlIsSavedAndReturned_anyOtherUrlIs400OnFieldAvatar_emptyRemovesIt() {
    String base = Env.get("MEDIA_BASE_URL").orElse("/").replaceAll("/$", "");
    String own = base + "/media/alice/im_0123456789abcdefghijkl/256x256/256.png";

    HttpResponse<String> saved =
        api.put("/users/alice", "alice", Map.of("displayName", "Alice", "avatar", own));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(json(saved)).containsEntry("avatar", own);
    assertThat(json(api.get("/users/alice"))).containsEntry("avatar", own);

    for (String other :
        List.of(
            base + "/media/bob/im_0123456789abcdefghijkl/256x256/256.png",
            "https://elsewhere.example/media/alice/im_0123456789abcdefghijkl/256x256/256.png",
            base + "/media/alice/im_0123456789abcdefghijkl/1600x1200/1600.jpg")) {
      HttpResponse<String> refused =
          api.put("/users/alice", "alice", Map.of("displayName", "Alice", "avatar", other));
      assertThat(refused.statusCode()).as(other).isEqualTo(400);
      assertThat(error(refused)).containsEntry("field", "avatar");
    }
    assertThat(json(api.get("/users/alice"))).containsEntry("avatar", own);

    api.put("/users/alice", "alice", Map.of("displayName", "Alice", "avatar", ""));
    assertThat(json(api.get("/users/alice"))).doesNotContainKey("avatar");
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, Object> body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "A post");
    m.put("content", "Some text.");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> importPost(String sourceId, String visibility) {
    return Map.of(
        "sourceId",
        sourceId,
        "title",
        sourceId,
        "content",
        "Imported.",
        "publishedAt",
        "2024-01-02T03:04:05Z",
        "visibility",
        visibility,
        "views",
        5);
  }

  private Map<String, Object> create(String user, Map<String, Object> body) {
    HttpResponse<String> r = api.post("/users/" + user + "/posts", user, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  private Map<String, Object> save(String id, Map<String, Object> body) {
    HttpResponse<String> r = api.put("/posts/" + id, "alice", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private List<Object> titles(String user, String query) {
    HttpResponse<String> r = api.send("GET", "/studio/posts?" + query, user, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return items(r).stream().map(p -> p.get("title")).toList();
  }

  /** The listing total and the profile's post count, which must always agree. */
  private void assertCounts(String user, long total, long profilePosts) {
    assertThat(json(api.get("/users/" + user + "/posts"))).containsEntry("total", total);
    assertThat(json(api.get("/users/" + user))).containsEntry("posts", profilePosts);
  }

  private long typeTotal(String user, String type) {
    return (Long) json(api.get("/users/" + user + "/posts?type=" + type)).get("total");
  }

  private static List<HttpResponse<String>> runAll(List<Callable<HttpResponse<String>>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<HttpResponse<String>>> futures = pool.invokeAll(calls);
      List<HttpResponse<String>> out = new ArrayList<>();
      for (Future<HttpResponse<String>> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
