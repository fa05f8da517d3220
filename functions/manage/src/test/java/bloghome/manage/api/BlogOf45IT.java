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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Listing a blog of 45 imported posts of mixed types through the local gateway. The blogs are
 * imported once for the class: the tests only read.
 */
@ExtendWith(LocalAwsExtension.class)
class BlogOf45IT {
  private static final List<String> TYPES = List.of("original", "repost", "translated");
  private static TestGateway gateway;
  private static BlogApiClient api;
  private static List<Map<String, Object>> aliceBlog;

  @BeforeAll
  static void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    var listing = new ListingHandler(aws.dynamoDbClient(), table, PostsApiIT.CURSOR_KEY, clock);
    var manage = new ManageHandler(aws.dynamoDbClient(), table, clock);
    gateway = aws.gateway(Map.of("ListingFunction", listing, "ManageFunction", manage));
    api = new BlogApiClient(gateway);
    aliceBlog = importBlogOf45("alice");
    importBlogOf45("bob");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /**
   * 45 imported posts: types in a 2:2:1 mix, views with many ties, one publishedAt shared by two
   * posts.
   */
  private static List<Map<String, Object>> importBlogOf45(String userId) {
    Instant base = Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    List<Map<String, Object>> posts = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      String type = i % 5 == 0 ? "translated" : (i % 5 < 3 ? "repost" : "original");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "old-" + i);
      p.put("type", type);
      p.put("title", "Post " + i);
      p.put("content", "Body of post " + i);
      if (!type.equals("original")) {
        p.put("sourceUrl", "https://elsewhere.example/" + i);
      }
      // Posts 10 and 11 share a timestamp, so their order falls to the postId.
      Instant at = base.plus(i == 11 ? 10 : i, ChronoUnit.HOURS);
      p.put("publishedAt", at.toString());
      p.put("views", (long) (i % 7) * 10);
      p.put("likes", (long) i % 4);
      p.put("favorites", (long) i % 3);
      p.put("comments", 1L);
      posts.add(p);
    }
    HttpResponse<String> r =
        api.post("/users/" + userId + "/posts/import", userId, Map.of("posts", posts));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r)).containsEntry("created", 45L).containsEntry("rejected", 0L);
    return posts;
  }

  private static List<Map<String, Object>> pageThrough(String userId, String query) {
    List<Map<String, Object>> all = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 100; pages++) {
      String path =
          "/users/" + userId + "/posts?" + query + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      all.addAll(items(r));
      cursor = (String) json(r).get("nextCursor");
      if (cursor == null) {
        return all;
      }
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void listPosts_returnsNewestFirst_whenSortIsLatest() {
    HttpResponse<String> r = api.get("/users/alice/posts?limit=40&sort=latest");

    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> page = items(r);
    assertThat(page).hasSize(40);
    assertThat(json(r)).containsEntry("total", 45L);
    assertThat(json(r).get("nextCursor")).isNotNull();
    List<Map<String, Object>> expected = pageThrough("alice", "limit=100");
    expected.sort(
        Comparator.comparing((Map<String, Object> m) -> (String) m.get("publishedAt"))
            .thenComparing(m -> (String) m.get("postId"))
            .reversed());
    assertThat(page)
        .extracting(m -> m.get("postId"))
        .containsExactlyElementsOf(
            expected.subList(0, 40).stream().map(m -> m.get("postId")).toList());
    assertThat(page.get(0))
        .containsEntry("title", "Post 44")
        .containsOnlyKeys(
            "postId",
            "title",
            "summary",
            "type",
            "publishedAt",
            "views",
            "comments",
            "likes",
            "favorites");
  }

  @Test
  void listPosts_ordersByViewsThenNewerThenPostId_whenSortIsViews() {
    List<Map<String, Object>> all = pageThrough("alice", "sort=views&limit=9");

    assertThat(all).hasSize(45);
    Comparator<Map<String, Object>> rule =
        Comparator.comparing((Map<String, Object> m) -> (Long) m.get("views"))
            .thenComparing(m -> (String) m.get("publishedAt"))
            .thenComparing(m -> ((String) m.get("postId")).substring(2, 7))
            .reversed();
    List<Map<String, Object>> sorted = new ArrayList<>(all);
    sorted.sort(rule);
    assertThat(all)
        .extracting(m -> m.get("postId"))
        .containsExactlyElementsOf(sorted.stream().map(m -> m.get("postId")).toList());
    assertThat(all.get(0)).containsEntry("views", 60L).containsEntry("title", "Post 41");
  }

  @Test
  void listPosts_pagesThroughEveryPostOnce_andCountsEachType() {
    List<Map<String, Object>> seeded = aliceBlog;

    for (String sort : List.of("latest", "views")) {
      List<Map<String, Object>> all = pageThrough("alice", "sort=" + sort + "&limit=7");
      Set<Object> ids = new HashSet<>(all.stream().map(m -> m.get("postId")).toList());
      assertThat(all).as(sort).hasSize(45);
      assertThat(ids).as(sort).hasSize(45);
      for (String type : TYPES) {
        long expected = seeded.stream().filter(p -> p.get("type").equals(type)).count();
        HttpResponse<String> first =
            api.get("/users/alice/posts?limit=5&sort=" + sort + "&type=" + type);
        assertThat(json(first)).as(type).containsEntry("total", expected);
        List<Map<String, Object>> ofType =
            pageThrough("alice", "sort=" + sort + "&type=" + type + "&limit=4");
        assertThat(ofType)
            .as(type)
            .hasSize((int) expected)
            .allSatisfy(m -> assertThat(m).containsEntry("type", type));
      }
    }
    // A later page still carries the total.
    String cursor = (String) json(api.get("/users/alice/posts?limit=10")).get("nextCursor");
    assertThat(json(api.get("/users/alice/posts?limit=10&cursor=" + cursor)))
        .containsEntry("total", 45L);
  }

  @Test
  void listPosts_rejectsTamperedForeignOrMismatchedCursors() {
    String cursor = (String) json(api.get("/users/alice/posts?limit=5")).get("nextCursor");
    int dot = cursor.indexOf('.');
    char flipped = cursor.charAt(dot - 2) == 'A' ? 'B' : 'A';
    String tampered = cursor.substring(0, dot - 2) + flipped + cursor.substring(dot - 1);

    for (String path :
        List.of(
            "/users/alice/posts?limit=5&cursor=" + tampered,
            "/users/bob/posts?limit=5&cursor=" + cursor,
            "/users/alice/posts?limit=5&sort=views&cursor=" + cursor,
            "/users/alice/posts?limit=5&type=repost&cursor=" + cursor,
            "/users/alice/posts?cursor=not-a-cursor")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(error(r))
          .as(path)
          .containsEntry("code", "INVALID_CURSOR")
          .containsEntry("field", "cursor");
    }
    assertThat(api.get("/users/alice/posts?limit=5&cursor=" + cursor).statusCode()).isEqualTo(200);
  }
}
