package bloghome.pages.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.pages.SiteConfig;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Importer;
import bloghome.profiles.DynamoDbProfileStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The page function on its own against the local DynamoDB, counting the calls each page makes. */
@ExtendWith(LocalAwsExtension.class)
class PageHandlerIT {
  private static final List<String> calls = new CopyOnWriteArrayList<>();
  private static PageHandler handler;
  private static String middlePostId;

  @BeforeAll
  static void seed(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    new DynamoDbProfileStore(aws.dynamoDbClient(), table).save("alice", "Alice", "notes");
    // Stored directly (the API would refuse this URL): the page must escape whatever is stored.
    new DynamoDbProfileStore(aws.dynamoDbClient(), table)
        .save(
            "carol",
            "<b>Carol</b>",
            "",
            Optional.of("https://cdn.example.net/media/carol/x\"><script>1</script>.png"));
    List<Object> posts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "s" + i);
      p.put("type", "original");
      p.put("title", "Post " + i);
      p.put("content", "text " + i);
      p.put("publishedAt", Instant.now().minus(i + 1, ChronoUnit.DAYS).toString());
      p.put("views", (long) i * 10);
      posts.add(p);
    }
    middlePostId =
        new Importer(new DynamoDbPostStore(aws.dynamoDbClient(), table, clock), clock)
            .importPosts(
                new Caller("alice", Set.of()),
                "alice",
                JsonObject.parseBody(Json.write(Map.of("posts", posts))))
            .results()
            .get(1)
            .postId()
            .orElseThrow();
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(context.request().getClass().getSimpleName());
          }
        };
    SiteConfig site =
        new SiteConfig(
            "https://cdn.example.net",
            "https://bucket.s3.eu-west-1.amazonaws.com",
            Optional.of("https://blog.auth.eu-west-1.amazoncognito.com"),
            Optional.of("client"));
    handler =
        new PageHandler(
            aws.dynamoDb(counter), table, "pages-test-cursor-key-0123456789abcdef", site);
  }

  @BeforeEach
  void reset() {
    calls.clear();
  }

  @Test
  void theSampleEvent_rendersAlicesHomePage_inSevenReads() {
    APIGatewayV2HTTPEvent event =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-home-page.json");
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody())
        .contains("Alice")
        .contains("Post 2")
        .contains("<html lang=\"zh-CN\"");
    // profile, one listing Query, skin; the sidebar (docs/discovery.md): the hot posts (a by-views
    // listing Query), every category/tag/month total (one Query), the author's category order,
    // the newest comments (one ByOwner Query)
    assertThat(calls)
        .containsExactly(
            "GetItemRequest",
            "QueryRequest",
            "GetItemRequest",
            "QueryRequest",
            "QueryRequest",
            "GetItemRequest",
            "QueryRequest");
  }

  @Test
  void theProfileCard_showsTheAvatarEscaped_withItsSize_andWithoutOneNoImage() {
    APIGatewayV2HTTPEvent event =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-home-page.json");
    event.setRawPath("/u/carol");
    event.setPathParameters(Map.of("userId", "carol"));
    event.getRequestContext().getHttp().setPath("/u/carol");
    String carol = handler.handleRequest(event, null).getBody();
    assertThat(carol)
        .contains(
            "<img class=\"avatar\" src=\"https://cdn.example.net/media/carol/x&#34;>&lt;script>1&lt;/script>.png\""
                + " alt=\"&lt;b>Carol&lt;/b>\" width=\"64\" height=\"64\">")
        .doesNotContain("<script>1");

    String alice =
        handler
            .handleRequest(
                EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-home-page.json"),
                null)
            .getBody();
    assertThat(alice).contains("Alice").doesNotContain("class=\"avatar\"");
  }

  @Test
  void theCsp_namesTheMediaCdnTheBucketAndCognito_andNothingInline() {
    APIGatewayV2HTTPEvent event =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-get-home-page.json");
    String csp = handler.handleRequest(event, null).getHeaders().get("content-security-policy");
    assertThat(csp)
        .contains("img-src 'self' https://cdn.example.net;")
        .contains(
            "connect-src 'self' https://bucket.s3.eu-west-1.amazonaws.com https://blog.auth.eu-west-1.amazoncognito.com")
        .doesNotContain("unsafe");
  }

  @Test
  void theCallbackPage_carriesTheHostedUiSettings_andIsNeverStored() {
    APIGatewayV2HTTPEvent event =
        APIGatewayV2HTTPEvent.builder()
            .withRouteKey("GET /auth/callback")
            .withRawPath("/auth/callback")
            .withHeaders(Map.of())
            .build();
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    assertThat(response.getBody())
        .doesNotContain("auth-mode")
        .contains("https://blog.auth.eu-west-1.amazoncognito.com")
        .contains("content=\"client\"")
        // The scripts send the reader back to the page's own origin (the site's), which the
        // function cannot know: the distribution in front of it is created after it.
        .doesNotContain("redirect-uri");
    assertThat(response.getHeaders())
        .containsEntry("cache-control", "no-store")
        .containsEntry("referrer-policy", "no-referrer");
  }

  @Test
  void aListedPostsPage_readsItsNeighbours_withOneQueryEachWay() {
    APIGatewayV2HTTPEvent event =
        APIGatewayV2HTTPEvent.builder()
            .withRouteKey("GET /p/{postId}")
            .withRawPath("/p/" + middlePostId)
            .withPathParameters(Map.of("postId", middlePostId))
            .withHeaders(Map.of())
            .build();
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    assertThat(response.getStatusCode()).isEqualTo(200);
    // "Post 1": "Post 2" is a day older, "Post 0" a day newer; it has no tags or categories, so
    // the related posts cost nothing (docs/pages.md: at most four Queries more)
    assertThat(response.getBody())
        .contains("href=\"/p/")
        .containsSubsequence("post-nav", "Post 2", "Post 0")
        .doesNotContain("class=\"related");
    // the post Query, the author's profile, the comment threads (post ref GetItem, threads
    // Query), the older and the newer neighbour (one Limit-1 Query each), then the sidebar
    assertThat(calls)
        .containsExactly(
            "QueryRequest",
            "GetItemRequest",
            "GetItemRequest",
            "QueryRequest",
            "QueryRequest",
            "QueryRequest",
            "QueryRequest",
            "QueryRequest",
            "GetItemRequest",
            "QueryRequest");
  }

  @Test
  void priming_readsOnlyAndEveryPageAnswers() {
    assertThat(handler.prime()).allMatch(status -> status == 200 || status == 404 || status == 400);
    assertThat(calls).allMatch(c -> c.equals("GetItemRequest") || c.equals("QueryRequest"));
  }
}
