package bloghome.manage.api;

import static bloghome.manage.api.BlogApiClient.error;
import static bloghome.manage.api.BlogApiClient.items;
import static bloghome.manage.api.BlogApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import bloghome.listing.api.ListingHandler;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The posts API end to end: local gateway (JWT checks, routes from template.yaml), both functions,
 * local DynamoDB.
 */
@ExtendWith(LocalAwsExtension.class)
class PostsApiIT {
  static final String CURSOR_KEY = "test-cursor-signing-key-0123456789abcdef";

  private TestGateway gateway;
  private BlogApiClient api;

  @BeforeEach
  void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    var listing = new ListingHandler(aws.dynamoDbClient(), table, CURSOR_KEY, clock);
    var manage = new ManageHandler(aws.dynamoDbClient(), table, clock);
    gateway = aws.gateway(Map.of("ListingFunction", listing, "ManageFunction", manage));
    api = new BlogApiClient(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void listPosts_isEmpty_forAnAuthorWithoutPosts() {
    HttpResponse<String> r = api.get("/users/nobody/posts");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("total", 0L).containsEntry("nextCursor", null);
    assertThat(items(r)).isEmpty();
  }

  // ------------------------------------------------------------------ cursors and caching

  @Test
  void publicReads_answer304_whenIfNoneMatchHoldsTheCurrentTag() {
    var post = api.publish("alice", Map.of("title", "Cached", "content", "Body"));
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));

    for (String path :
        List.of("/users/alice/posts", "/posts/" + post.get("postId"), "/users/alice")) {
      HttpResponse<String> first = api.get(path);
      String etag = first.headers().firstValue("etag").orElseThrow();
      assertThat(first.headers().firstValue("cache-control")).hasValue("public, max-age=30");

      HttpResponse<String> again = api.get(path, "if-none-match", etag);
      HttpResponse<String> stale = api.get(path, "if-none-match", "\"something-else\"");

      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("etag")).hasValue(etag);
      assertThat(stale.statusCode()).isEqualTo(200);
    }
    // A new post changes the listing, and so its tag.
    String before = api.get("/users/alice/posts").headers().firstValue("etag").orElseThrow();
    api.publish("alice", Map.of("title", "Second", "content", "Body"));
    assertThat(api.get("/users/alice/posts", "if-none-match", before).statusCode()).isEqualTo(200);
  }

  @Test
  void listPosts_rejectsBadQueryParameters() {
    for (String query :
        List.of(
            "limit=0",
            "limit=101",
            "limit=abc",
            "limit=-1",
            "limit=1.5",
            "sort=oldest",
            "type=article",
            "sort=",
            "cursor=")) {
      HttpResponse<String> r = api.get("/users/alice/posts?" + query);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(error(r).get("field")).as(query).isIn("limit", "sort", "type", "cursor");
    }
    assertThat(api.get("/users/alice/posts?limit=100").statusCode()).isEqualTo(200);
    assertThat(api.get("/users/alice/posts?limit=1").statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ writes keep everything in
  // step

  @Test
  void updateAndDelete_keepListingsPostPageAndProfileInAgreement() {
    api.put("/users/alice", "alice", Map.of("displayName", "Alice", "bio", "Hi"));
    var a = api.publish("alice", Map.of("title", "A", "content", "alpha"));
    var b =
        api.publish(
            "alice",
            Map.of(
                "type",
                "repost",
                "title",
                "B",
                "content",
                "beta",
                "sourceUrl",
                "https://example.org/b"));
    api.publish("alice", Map.of("title", "C", "content", "gamma"));

    // when: B becomes a translation with a new title, and A is deleted
    HttpResponse<String> updated =
        api.put(
            "/posts/" + b.get("postId"),
            "alice",
            Map.of(
                "type",
                "translated",
                "title",
                "B, translated",
                "content",
                "beta 2",
                "sourceUrl",
                "https://example.org/b",
                "tags",
                List.of("x")));
    HttpResponse<String> deleted = api.delete("/posts/" + a.get("postId"), "alice");

    // then
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated))
        .containsEntry("title", "B, translated")
        .containsEntry("type", "translated")
        .containsEntry("publishedAt", b.get("publishedAt"));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.get("/posts/" + a.get("postId")).statusCode()).isEqualTo(404);
    assertThat(json(api.get("/posts/" + b.get("postId"))))
        .containsEntry("title", "B, translated")
        .containsEntry("content", "beta 2")
        .containsEntry("tags", List.of("x"));
    assertThat(json(api.get("/users/alice"))).containsEntry("posts", 2L);
    var all = json(api.get("/users/alice/posts"));
    assertThat(all).containsEntry("total", 2L);
    assertThat(items(api.get("/users/alice/posts")))
        .extracting(m -> m.get("title"))
        .containsExactly("C", "B, translated");
    assertThat(json(api.get("/users/alice/posts?type=repost"))).containsEntry("total", 0L);
    assertThat(json(api.get("/users/alice/posts?type=translated"))).containsEntry("total", 1L);
    assertThat(json(api.get("/users/alice/posts?type=original"))).containsEntry("total", 1L);
    assertThat(items(api.get("/users/alice/posts?type=translated&sort=views")))
        .extracting(m -> m.get("title"))
        .containsExactly("B, translated");
  }

  @Test
  void delete_twice_decrementsOnce_andAnswers404TheSecondTime() {
    var post = api.publish("alice", Map.of("title", "Gone", "content", "soon"));
    api.publish("alice", Map.of("title", "Stays", "content", "here"));

    HttpResponse<String> first = api.delete("/posts/" + post.get("postId"), "alice");
    HttpResponse<String> second = api.delete("/posts/" + post.get("postId"), "alice");

    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(error(second)).containsEntry("code", "POST_NOT_FOUND");
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
  }

  // ------------------------------------------------------------------ import

  @Test
  void import_twice_createsNoDuplicates_andAppliesTheDifferencesToTotals() {
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));
    List<Map<String, Object>> posts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      posts.add(
          new LinkedHashMap<>(
              Map.of(
                  "sourceId",
                  "s" + i,
                  "title",
                  "Old " + i,
                  "content",
                  "text " + i,
                  "publishedAt",
                  "2023-06-1" + i + "T08:30:00Z",
                  "views",
                  100L * (i + 1),
                  "likes",
                  5L,
                  "favorites",
                  2L,
                  "comments",
                  3L)));
    }
    HttpResponse<String> first =
        api.post("/users/alice/posts/import", "alice", Map.of("posts", posts));
    assertThat(json(first)).containsEntry("created", 3L);

    // when: the same posts again, one with new counters and a new type
    posts.get(1).put("views", 50L);
    posts.get(1).put("type", "repost");
    posts.get(1).put("sourceUrl", "https://old.example/1");
    HttpResponse<String> second =
        api.post("/users/alice/posts/import", "alice", Map.of("posts", posts));

    // then
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second)).containsEntry("created", 0L).containsEntry("updated", 3L);
    @SuppressWarnings("unchecked")
    var firstIds =
        ((List<Map<String, Object>>) json(first).get("results"))
            .stream().map(m -> m.get("postId")).toList();
    @SuppressWarnings("unchecked")
    var secondIds =
        ((List<Map<String, Object>>) json(second).get("results"))
            .stream().map(m -> m.get("postId")).toList();
    assertThat(secondIds).isEqualTo(firstIds);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 3L);
    assertThat(json(api.get("/users/alice/posts?type=repost"))).containsEntry("total", 1L);
    assertThat(json(api.get("/users/alice/posts?type=original"))).containsEntry("total", 2L);
    assertThat(json(api.get("/users/alice")))
        .containsEntry("posts", 3L)
        .containsEntry("views", 100L + 50 + 300)
        .containsEntry("likes", 15L)
        .containsEntry("favorites", 6L);
    var post = json(api.get("/posts/" + firstIds.get(1)));
    assertThat(post)
        .containsEntry("views", 50L)
        .containsEntry("comments", 3L)
        .containsEntry("type", "repost")
        .containsEntry("publishedAt", "2023-06-11T08:30:00.000Z")
        .containsEntry("sourceId", "s1");
    assertThat(items(api.get("/users/alice/posts?sort=views")))
        .extracting(m -> m.get("views"))
        .containsExactly(300L, 100L, 50L);

    // and deleting an imported post subtracts its counters, and a re-import creates it anew
    api.delete("/posts/" + firstIds.get(2), "alice");
    assertThat(json(api.get("/users/alice")))
        .containsEntry("posts", 2L)
        .containsEntry("views", 150L)
        .containsEntry("likes", 10L)
        .containsEntry("favorites", 4L);
    HttpResponse<String> third =
        api.post("/users/alice/posts/import", "alice", Map.of("posts", posts));
    assertThat(json(third)).containsEntry("created", 1L).containsEntry("updated", 2L);
    assertThat(json(api.get("/users/alice")))
        .containsEntry("posts", 3L)
        .containsEntry("views", 450L);
  }

  @Test
  void import_rejectsBadPostsOneByOne_andStoresTheRest() {
    List<Object> posts =
        List.of(
            Map.of(
                "sourceId",
                "ok",
                "title",
                "Fine",
                "content",
                "x",
                "publishedAt",
                "2024-01-01T00:00:00Z"),
            Map.of(
                "sourceId",
                "long",
                "title",
                "t".repeat(101),
                "content",
                "x",
                "publishedAt",
                "2024-01-01T00:00:00Z"),
            Map.of(
                "sourceId",
                "js",
                "type",
                "repost",
                "title",
                "t",
                "content",
                "x",
                "publishedAt",
                "2024-01-01T00:00:00Z",
                "sourceUrl",
                "javascript:alert(1)"),
            Map.of(
                "sourceId",
                "neg",
                "title",
                "t",
                "content",
                "x",
                "publishedAt",
                "2024-01-01T00:00:00Z",
                "views",
                -1),
            Map.of(
                "sourceId",
                "future",
                "title",
                "t",
                "content",
                "x",
                "publishedAt",
                "2999-01-01T00:00:00Z"),
            "not an object",
            Map.of(
                "sourceId",
                "ok",
                "title",
                "Again",
                "content",
                "x",
                "publishedAt",
                "2024-01-01T00:00:00Z"));

    HttpResponse<String> r = api.post("/users/alice/posts/import", "alice", Map.of("posts", posts));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("created", 1L).containsEntry("rejected", 6L);
    @SuppressWarnings("unchecked")
    var results = (List<Map<String, Object>>) json(r).get("results");
    assertThat(results)
        .extracting(m -> m.get("status"))
        .containsExactly(
            "created", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected");
    assertThat(results.get(1).get("error"))
        .asString()
        .contains("INVALID_TITLE")
        .contains("posts[1].title");
    assertThat(results.get(2).get("error")).asString().contains("INVALID_SOURCE_URL");
    assertThat(results.get(3).get("error")).asString().contains("INVALID_VIEWS");
    assertThat(results.get(4).get("error")).asString().contains("INVALID_PUBLISHED_AT");
    assertThat(results.get(6).get("error")).asString().contains("DUPLICATE_SOURCE_ID");
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
  }

  /** Content shapes that once overflowed the summary builder's stack: each post imports. */
  @Test
  void import_withPostsOfDeepMarkdown_storesEveryPost_withItsDerivedSummary() {
    List<Object> posts =
        List.of(
            importable("before", "plain text"),
            importable("quotes", ">".repeat(3000) + " deep quote"),
            importable("underline", "Heading\n" + "=".repeat(3000)),
            importable("lists", "- ".repeat(3000) + "deep item"),
            importable("after", "more plain text"));

    HttpResponse<String> r = api.post("/users/alice/posts/import", "alice", Map.of("posts", posts));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).containsEntry("created", 5L).containsEntry("rejected", 0L);
    @SuppressWarnings("unchecked")
    var items =
        (List<Map<String, Object>>) json(api.get("/users/alice/posts?limit=10")).get("items");
    Map<Object, Object> summaries = new HashMap<>();
    items.forEach(m -> summaries.put(m.get("title"), m.get("summary")));
    assertThat(summaries)
        .hasSize(5)
        .containsEntry("before", "plain text")
        .containsEntry("underline", "Heading")
        .containsEntry("after", "more plain text");
    // Past the parser's nesting limit the markers are text, as on the post page.
    assertThat(summaries.get("quotes")).asString().startsWith(">>>").endsWith("…");
    assertThat(summaries.get("lists")).asString().startsWith("- -").endsWith("…");
  }

  private static Map<String, Object> importable(String sourceId, String content) {
    return Map.of(
        "sourceId",
        sourceId,
        "title",
        sourceId,
        "content",
        content,
        "publishedAt",
        "2024-01-01T00:00:00Z");
  }

  @Test
  void import_rejectsWholeRequests_thatAreNotAnImport() {
    assertThat(
            api.post("/users/alice/posts/import", "alice", Map.of("posts", List.of())).statusCode())
        .isEqualTo(400);
    assertThat(
            api.post("/users/alice/posts/import", "alice", Map.of("items", List.of())).statusCode())
        .isEqualTo(400);
    List<Object> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(Map.of("sourceId", "s" + i));
    }
    HttpResponse<String> r =
        api.post("/users/alice/posts/import", "alice", Map.of("posts", tooMany));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).containsEntry("field", "posts");
    String huge = "{\"posts\":[{\"content\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}]}";
    assertThat(api.post("/users/alice/posts/import", "alice", huge).statusCode()).isEqualTo(413);
  }
}
