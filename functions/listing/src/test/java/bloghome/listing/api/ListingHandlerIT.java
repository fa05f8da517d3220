package bloghome.listing.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.MutableClock;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.ImportReport;
import bloghome.posts.Importer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The listing function on its own, counting every DynamoDB call it makes. */
@ExtendWith(LocalAwsExtension.class)
class ListingHandlerIT {
  private static final String CURSOR_KEY = "listing-test-cursor-key-0123456789abcdef";
  private static String table;
  private static final List<String> calls = new CopyOnWriteArrayList<>();
  private static ListingHandler handler;

  @BeforeAll
  static void seed(LocalAws aws) {
    table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    List<Object> posts = new ArrayList<>();
    Instant base = Instant.now().minus(30, ChronoUnit.DAYS);
    for (int i = 0; i < 25; i++) {
      String type = List.of("original", "repost", "translated").get(i % 3);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "s" + i);
      p.put("type", type);
      p.put("title", "Post " + i);
      p.put("content", "x");
      if (!type.equals("original")) {
        p.put("sourceUrl", "https://example.org/" + i);
      }
      p.put("publishedAt", base.plus(i, ChronoUnit.HOURS).toString());
      p.put("views", (long) i % 4);
      posts.add(p);
    }
    var importer = new Importer(new DynamoDbPostStore(aws.dynamoDbClient(), table, clock), clock);
    var report =
        importer.importPosts(
            new Caller("carol", Set.of()),
            "carol",
            JsonObject.parseBody(Json.write(Map.of("posts", posts))));
    assertThat(report.count(ImportReport.Status.CREATED)).isEqualTo(25);
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(context.request().getClass().getSimpleName());
          }
        };
    handler = new ListingHandler(aws.dynamoDb(counter), table, CURSOR_KEY, clock);
  }

  @BeforeEach
  void resetCounter() {
    calls.clear();
  }

  private static APIGatewayV2HTTPResponse get(
      String routeKey, Map<String, String> path, Map<String, String> query) {
    return get(handler, routeKey, path, query, Map.of());
  }

  private static APIGatewayV2HTTPResponse get(
      ListingHandler target,
      String routeKey,
      Map<String, String> path,
      Map<String, String> query,
      Map<String, String> headers) {
    APIGatewayV2HTTPEvent event =
        APIGatewayV2HTTPEvent.builder()
            .withRouteKey(routeKey)
            .withPathParameters(path)
            .withQueryStringParameters(query)
            .withHeaders(headers)
            .withIsBase64Encoded(false)
            .build();
    return target.handleRequest(event, null);
  }

  @Test
  void aPageWithANextPage_keepsItsETag_overTime_andRevalidatesTo304(LocalAws aws) {
    MutableClock clock = new MutableClock(Instant.now());
    ListingHandler timed = new ListingHandler(aws.dynamoDbClient(), table, CURSOR_KEY, clock);
    Map<String, String> path = Map.of("userId", "carol");
    Map<String, String> query = Map.of("limit", "4");

    APIGatewayV2HTTPResponse first = get(timed, "GET /users/{userId}/posts", path, query, Map.of());
    clock.advance(Duration.ofSeconds(1));
    APIGatewayV2HTTPResponse second =
        get(timed, "GET /users/{userId}/posts", path, query, Map.of());
    clock.advance(Duration.ofSeconds(1));
    APIGatewayV2HTTPResponse revalidated =
        get(
            timed,
            "GET /users/{userId}/posts",
            path,
            query,
            Map.of("if-none-match", first.getHeaders().get("etag")));

    assertThat(body(first).get("nextCursor")).isNotNull();
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(second.getHeaders().get("etag")).isEqualTo(first.getHeaders().get("etag"));
    assertThat(revalidated.getStatusCode()).isEqualTo(304);
    assertThat(revalidated.getBody()).isNull();

    // The next page, a day later, from the cursor of the first: same ETag, and the cursor still
    // works.
    Map<String, String> next =
        Map.of("limit", "4", "cursor", (String) body(first).get("nextCursor"));
    APIGatewayV2HTTPResponse page2 = get(timed, "GET /users/{userId}/posts", path, next, Map.of());
    clock.advance(Duration.ofDays(2));
    APIGatewayV2HTTPResponse page2Later =
        get(
            timed,
            "GET /users/{userId}/posts",
            path,
            next,
            Map.of("if-none-match", page2.getHeaders().get("etag")));
    assertThat(page2.getStatusCode()).isEqualTo(200);
    assertThat(page2Later.getStatusCode()).isEqualTo(304);
  }

  @Test
  void tamperedOrForeignCursors_are400() {
    String cursor =
        (String)
            body(get("GET /users/{userId}/posts", Map.of("userId", "carol"), Map.of("limit", "2")))
                .get("nextCursor");
    String tampered =
        cursor.substring(0, 3) + (cursor.charAt(3) == 'A' ? 'B' : 'A') + cursor.substring(4);

    for (Map<String, String> query :
        List.of(
            Map.of("cursor", tampered),
            Map.of("cursor", cursor, "sort", "views"),
            Map.of("cursor", cursor, "type", "repost"))) {
      APIGatewayV2HTTPResponse r =
          get("GET /users/{userId}/posts", Map.of("userId", "carol"), query);
      assertThat(r.getStatusCode()).as(query.toString()).isEqualTo(400);
      assertThat(r.getBody()).contains("INVALID_CURSOR");
    }
    assertThat(
            get("GET /users/{userId}/posts", Map.of("userId", "dave"), Map.of("cursor", cursor))
                .getStatusCode())
        .isEqualTo(400);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(APIGatewayV2HTTPResponse r) {
    return (Map<String, Object>) Json.parse(r.getBody());
  }

  @Test
  void everyListingPage_isExactlyOneQuery_onEveryPath() {
    for (String sort : List.of("latest", "views")) {
      for (String type : new String[] {null, "original", "repost", "translated"}) {
        Set<Object> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
          calls.clear();
          Map<String, String> query = new HashMap<>(Map.of("sort", sort, "limit", "4"));
          if (type != null) {
            query.put("type", type);
          }
          if (cursor != null) {
            query.put("cursor", cursor);
          }
          APIGatewayV2HTTPResponse r =
              get("GET /users/{userId}/posts", Map.of("userId", "carol"), query);

          assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
          assertThat(calls)
              .as(sort + "/" + type + " page " + pages)
              .containsExactly("QueryRequest");
          @SuppressWarnings("unchecked")
          var items = (List<Map<String, Object>>) body(r).get("items");
          items.forEach(i -> assertThat(seen.add(i.get("postId"))).isTrue());
          cursor = (String) body(r).get("nextCursor");
          pages++;
        } while (cursor != null);
        int expected = type == null ? 25 : (type.equals("original") ? 9 : 8);
        assertThat(seen).as(sort + "/" + type).hasSize(expected);
        assertThat(pages).isEqualTo((expected + 3) / 4);
      }
    }
  }

  @Test
  void postPage_isOneQuery_andProfileOneGet() {
    APIGatewayV2HTTPResponse list =
        get("GET /users/{userId}/posts", Map.of("userId", "carol"), Map.of("limit", "1"));
    @SuppressWarnings("unchecked")
    String postId =
        (String) ((List<Map<String, Object>>) body(list).get("items")).get(0).get("postId");
    calls.clear();

    APIGatewayV2HTTPResponse post = get("GET /posts/{postId}", Map.of("postId", postId), null);
    List<String> postCalls = List.copyOf(calls);
    calls.clear();
    APIGatewayV2HTTPResponse profile = get("GET /users/{userId}", Map.of("userId", "carol"), null);

    assertThat(post.getStatusCode()).isEqualTo(200);
    assertThat(body(post)).containsEntry("title", "Post 24").containsEntry("content", "x");
    assertThat(postCalls).containsExactly("QueryRequest");
    // carol has posts but never wrote a profile: not visible.
    assertThat(profile.getStatusCode()).isEqualTo(404);
    assertThat(calls).containsExactly("GetItemRequest");
  }

  @Test
  void sampleEvents_reachTheirRoutes() {
    APIGatewayV2HTTPEvent list =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-list-posts.json");
    APIGatewayV2HTTPEvent post =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-post.json");
    APIGatewayV2HTTPEvent profile =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-profile.json");

    assertThat(handler.handleRequest(list, null).getStatusCode()).isEqualTo(200);
    assertThat(handler.handleRequest(post, null).getStatusCode()).isEqualTo(404);
    assertThat(handler.handleRequest(profile, null).getStatusCode()).isEqualTo(404);
  }

  @Test
  void invalidUserIds_areRejectedBeforeAnyRead() {
    APIGatewayV2HTTPResponse r =
        get("GET /users/{userId}/posts", Map.of("userId", "carol#repost"), Map.of());

    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(calls).isEmpty();
  }
}
