package bloghome.manage.api;

import static bloghome.manage.api.BlogApiClient.error;
import static bloghome.manage.api.BlogApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import bloghome.listing.api.ListingHandler;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Owner-only writes through the local gateway: validation, ownership, idempotency, concurrency. */
@ExtendWith(LocalAwsExtension.class)
class PostWritesIT {
  private TestGateway gateway;
  private BlogApiClient api;

  @BeforeEach
  void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    var dynamo = aws.dynamoDbClient();
    var listing = new ListingHandler(dynamo, table, PostsApiIT.CURSOR_KEY, clock);
    var manage = new ManageHandler(dynamo, table, clock);
    gateway = aws.gateway(Map.of("ListingFunction", listing, "ManageFunction", manage));
    api = new BlogApiClient(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void createPost_returns201WithLocation_andStoresTextExactlyAsGiven() {
    String title = "  Emoji 👩‍👩‍👧 & <b>HTML</b> \"quotes\" 中文  ";
    String content =
        "# Héllo <script>alert('x')</script>\n\n**bold** [link](https://x.example) 🎉\u2028end";

    HttpResponse<String> r =
        api.post(
            "/users/alice/posts",
            "alice",
            Map.of("title", title, "content", content, "tags", List.of("日本語", "a&b")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    var post = json(r);
    String postId = (String) post.get("postId");
    assertThat(postId).matches("p_[A-Za-z0-9_-]{22}");
    assertThat(r.headers().firstValue("location")).hasValue("/posts/" + postId);
    assertThat(r.body()).doesNotContain("<script>").contains("\\u003cscript\\u003e");
    var read = json(api.get("/posts/" + postId));
    assertThat(read)
        .containsEntry("title", title.strip())
        .containsEntry("content", content)
        .containsEntry("type", "original")
        .containsEntry("sourceUrl", null)
        .containsEntry("authorId", "alice")
        .containsEntry("views", 0L)
        .containsEntry("tags", List.of("日本語", "a&b"));
    assertThat((String) read.get("summary"))
        .startsWith("Héllo")
        .contains("bold link 🎉")
        .doesNotContain("**", "#", "](");
    assertThat((String) read.get("publishedAt"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void createPost_rejectsBadInput_with400NamingTheField_andWritesNothing() {
    Map<String, Object> ok = Map.of("title", "T", "content", "C");
    List<Object[]> cases =
        List.of(
            new Object[] {"{not json", "body"},
            new Object[] {"[]", "body"},
            new Object[] {"", "body"},
            new Object[] {with(ok, "title", "x".repeat(101)), "title"},
            new Object[] {with(ok, "title", "   "), "title"},
            new Object[] {with(ok, "title", 42), "title"},
            new Object[] {with(ok, "content", ""), "content"},
            new Object[] {with(ok, "summary", "s".repeat(301)), "summary"},
            new Object[] {with(ok, "type", "article"), "type"},
            new Object[] {with(ok, "unknown", 1), "unknown"},
            new Object[] {with(ok, "sourceUrl", "https://x.example"), "sourceUrl"},
            new Object[] {
              with(with(ok, "type", "repost"), "sourceUrl", "javascript:alert(1)"), "sourceUrl"
            },
            new Object[] {
              with(with(ok, "type", "repost"), "sourceUrl", "data:text/html,hi"), "sourceUrl"
            },
            new Object[] {
              with(with(ok, "type", "repost"), "sourceUrl", "/relative/path"), "sourceUrl"
            },
            new Object[] {with(ok, "type", "translated"), "sourceUrl"},
            new Object[] {
              with(ok, "tags", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")),
              "tags"
            },
            new Object[] {with(ok, "tags", List.of("x".repeat(31))), "tags"},
            new Object[] {with(ok, "tags", "solo"), "tags"},
            new Object[] {with(ok, "content", "x".repeat(200 * 1024 + 1)), "content"});
    for (Object[] c : cases) {
      HttpResponse<String> r = api.post("/users/alice/posts", "alice", c[0]);
      assertThat(r.statusCode()).as(String.valueOf(c[1]) + " " + r.body()).isEqualTo(400);
      assertThat(error(r))
          .as(r.body())
          .containsEntry("field", c[1])
          .containsKeys("code", "message");
    }
    String tooBig = "{\"title\":\"T\",\"content\":\"" + "x".repeat(256 * 1024) + "\"}";
    HttpResponse<String> r = api.post("/users/alice/posts", "alice", tooBig);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 0L);
  }

  @Test
  void createPost_acceptsTheLimits() {
    var post =
        api.publish(
            "alice",
            Map.of(
                "type",
                "translated",
                "title",
                "😀".repeat(100),
                "summary",
                "s".repeat(300),
                "content",
                "x".repeat(200 * 1024),
                "sourceUrl",
                "HTTPS://example.org/a?b=c#d",
                "tags",
                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "t".repeat(30))));
    assertThat(post).containsEntry("summary", "s".repeat(300));
  }

  @Test
  void everyWrite_onSomeoneElsesData_is403_andChangesNothing() {
    var post = api.publish("alice", Map.of("title", "Mine", "content", "alice's"));
    String postPath = "/posts/" + post.get("postId");
    Map<String, Object> body = Map.of("title", "Hijacked", "content", "x");

    List<HttpResponse<String>> attempts =
        List.of(
            api.put("/users/alice", "mallory", Map.of("displayName", "Not Alice")),
            api.post("/users/alice/posts", "mallory", body),
            api.put(postPath, "mallory", body),
            api.delete(postPath, "mallory"),
            api.post(
                "/users/alice/posts/import",
                "mallory",
                Map.of(
                    "posts",
                    List.of(
                        Map.of(
                            "sourceId",
                            "x",
                            "title",
                            "t",
                            "content",
                            "c",
                            "publishedAt",
                            "2024-01-01T00:00:00Z")))));

    assertThat(attempts)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).as(r.request().uri().toString()).isEqualTo(403);
              assertThat(error(r)).containsEntry("code", "NOT_OWNER");
            });
    assertThat(json(api.get(postPath))).containsEntry("title", "Mine");
    assertThat(api.get("/users/alice").statusCode()).isEqualTo(404);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
  }

  @Test
  void writes_withoutAToken_are401() {
    var r =
        gateway.send(
            gateway
                .request("/users/alice/posts")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void putProfile_createsAndUpdates_keepingCounts() {
    api.publish("alice", Map.of("title", "One", "content", "x"));
    assertThat(api.get("/users/alice").statusCode()).isEqualTo(404);

    HttpResponse<String> created =
        api.put("/users/alice", "alice", Map.of("displayName", " Alice 🌸 ", "bio", "<hi>"));
    HttpResponse<String> updated =
        api.put("/users/alice", "alice", Map.of("displayName", "Alice M."));

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(json(created))
        .containsEntry("displayName", "Alice 🌸")
        .containsEntry("bio", "<hi>")
        .containsEntry("posts", 1L);
    assertThat(json(updated)).containsEntry("displayName", "Alice M.").containsEntry("bio", "");
    assertThat(json(api.get("/users/alice")))
        .containsEntry("displayName", "Alice M.")
        .containsEntry("posts", 1L)
        .containsEntry("followers", 0L)
        .containsEntry("following", 0L);
    for (Object bad :
        List.of(
            Map.of("displayName", ""),
            Map.of("displayName", "x".repeat(51)),
            Map.of("bio", "no name"),
            Map.of("displayName", "A", "bio", "b".repeat(501)),
            Map.of("displayName", "A", "extra", true))) {
      HttpResponse<String> r = api.put("/users/alice", "alice", bad);
      assertThat(r.statusCode()).as(bad.toString()).isEqualTo(400);
    }
  }

  @Test
  void createPost_withTheSameIdempotencyKey_createsOnePost_andReplaysIt() {
    Map<String, Object> body = Map.of("title", "Once", "content", "only once");

    HttpResponse<String> first =
        api.post("/users/alice/posts", "alice", body, "idempotency-key", "k-1");
    HttpResponse<String> replay =
        api.post("/users/alice/posts", "alice", body, "idempotency-key", "k-1");
    HttpResponse<String> reused =
        api.post(
            "/users/alice/posts",
            "alice",
            Map.of("title", "Other", "content", "different"),
            "idempotency-key",
            "k-1");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.headers().firstValue("location"))
        .isEqualTo(first.headers().firstValue("location"));
    assertThat(json(replay).get("postId")).isEqualTo(json(first).get("postId"));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(error(reused)).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
    assertThat(
            api.post("/users/alice/posts", "alice", body, "idempotency-key", "has space")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void concurrentCreates_withDistinctKeys_countEveryPost() throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      calls.add(
          () ->
              api.post(
                  "/users/alice/posts",
                  "alice",
                  Map.of("title", "P" + n, "content", "c"),
                  "idempotency-key",
                  "key-" + n));
    }

    List<HttpResponse<String>> responses = runAll(calls);

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));
    assertThat(json(api.get("/users/alice"))).containsEntry("posts", 20L);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 20L);
    assertThat(json(api.get("/users/alice/posts?type=original"))).containsEntry("total", 20L);
  }

  @Test
  void concurrentReplays_ofOneKey_createOnePost() throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(
          () ->
              api.post(
                  "/users/alice/posts",
                  "alice",
                  Map.of("title", "Same", "content", "c"),
                  "idempotency-key",
                  "the-one-key"));
    }

    List<HttpResponse<String>> responses = runAll(calls);

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
    assertThat(new HashSet<>(responses.stream().map(r -> json(r).get("postId")).toList()))
        .hasSize(1);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));
    assertThat(json(api.get("/users/alice"))).containsEntry("posts", 1L);
  }

  @Test
  void concurrentDeletes_ofOnePost_decrementOnce() throws Exception {
    var post = api.publish("alice", Map.of("title", "Going", "content", "c"));
    api.publish("alice", Map.of("title", "Staying", "content", "c"));
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> api.delete("/posts/" + post.get("postId"), "alice"));
    }

    List<HttpResponse<String>> responses = runAll(calls);

    assertThat(responses.stream().filter(r -> r.statusCode() == 204).count()).isEqualTo(1);
    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(204, 404));
    api.put("/users/alice", "alice", Map.of("displayName", "Alice"));
    assertThat(json(api.get("/users/alice"))).containsEntry("posts", 1L);
    assertThat(json(api.get("/users/alice/posts"))).containsEntry("total", 1L);
  }

  @Test
  void unknownOrMalformedPostIds_are404() {
    assertThat(api.get("/posts/p_doesNotExist").statusCode()).isEqualTo(404);
    assertThat(api.get("/posts/p_AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
    assertThat(
            api.put(
                    "/posts/p_AAAAAAAAAAAAAAAAAAAAAA",
                    "alice",
                    Map.of("title", "t", "content", "c"))
                .statusCode())
        .isEqualTo(404);
    assertThat(api.delete("/posts/whatever", "alice").statusCode()).isEqualTo(404);
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

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }
}
