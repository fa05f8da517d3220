package bloghome.stats.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.JwksTokenVerifier;
import bloghome.json.Json;
import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import bloghome.paging.CursorCodec;
import bloghome.stats.aggregator.ViewsAggregatorHandler;
import bloghome.stats.visitor.BotDetector;
import bloghome.testing.BlogTable;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * StatsFunction behind the local gateway: the routes, their auth, and what gets stored; view
 * counters are read once ViewsAggregatorFunction (the real handler, fed by the local event source
 * mapping) has applied the stream.
 */
@ExtendWith(LocalAwsExtension.class)
class StatsHandlerIT {
  private static final String BROWSER =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  /** A clock the tests move forward, to cross a UTC midnight. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-11-29T23:58:00Z"));

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advanceMinutes(long minutes) {
      now.updateAndGet(t -> t.plusSeconds(minutes * 60));
    }
  }

  private LocalAws aws;
  private BlogTable table;
  private TestGateway gateway;
  private StreamEventSource aggregator;
  private final MovableClock clock = new MovableClock();
  private final AtomicReference<StatsHandler> handler = new AtomicReference<>();

  @BeforeEach
  void start(LocalAws aws) {
    this.aws = aws;
    DynamoDbClient dynamoDb = aws.dynamoDbClient();
    table = new BlogTable(aws.dynamoDbClient(), aws.freshTable("BlogTable"));
    table.post("p_1", "alice");
    table.profile("alice");
    table.profile("bob");
    AtomicReference<StatsHandler> handler = this.handler;
    // The gateway's issuer URL contains its port, so the handler is built once it runs.
    gateway =
        aws.gateway(
            Map.of(
                "StatsFunction", (event, context) -> handler.get().handleRequest(event, context)));
    JwksTokenVerifier tokens =
        new JwksTokenVerifier(
            gateway.jwt().issuer(),
            gateway.jwt().audience(),
            HttpClient.newHttpClient(),
            Clock.systemUTC());
    handler.set(
        new StatsHandler(
            dynamoDb,
            table.name(),
            CursorCodec.fromSecret("a-cursor-signing-key-for-the-tests", clock),
            clock,
            BotDetector.bundled(),
            header -> tokens.verifyBearer(header)));
    aggregator =
        aws.streamEventSource(
            "ViewsAggregatorFunction",
            table.name(),
            new ViewsAggregatorHandler(dynamoDb, aws.dynamoDbStreams(), table.name()),
            t -> t.withBatchingWindow(0));
  }

  @AfterEach
  void stop() {
    gateway.close();
    aggregator.close();
  }

  /** Waits until the view counters show every view recorded so far. */
  private void settle() {
    aggregator.awaitSettled(Duration.ofSeconds(60));
  }

  private HttpResponse<String> view(String postId, String ip, String userAgent, String token) {
    HttpRequest.Builder request =
        gateway.request("/posts/" + postId + "/views").POST(HttpRequest.BodyPublishers.noBody());
    request.header("x-forwarded-for", ip);
    if (userAgent != null) {
      request.header("user-agent", userAgent);
    }
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return gateway.send(request.build());
  }

  private HttpResponse<String> call(String method, String path, String token) {
    HttpRequest.Builder request =
        gateway.request(path).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return gateway.send(request.build());
  }

  private static Map<?, ?> json(HttpResponse<String> response) {
    return (Map<?, ?>) Json.parse(response.body());
  }

  @Test
  void views_from200DistinctVisitorsAtOnce_addExactly200() throws Exception {
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
      for (int i = 0; i < 200; i++) {
        String ip = "203.0.113." + (i % 100);
        String ua = BROWSER + " visitor/" + (i / 100);
        responses.add(pool.submit(() -> view("p_1", ip, ua, null)));
      }
    }

    for (Future<HttpResponse<String>> response : responses) {
      assertThat(response.get().statusCode()).isEqualTo(200);
      assertThat(response.get().body()).isEqualTo("{\"counted\":true}");
    }
    settle();
    assertThat(table.postCounter("p_1", "views")).isEqualTo(200);
    assertThat(table.profileCounter("alice", "views")).isEqualTo(200);
  }

  @Test
  void views_fromOneVisitor20Times_addOne_untilTheNextUtcDay() throws Exception {
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        responses.add(pool.submit(() -> view("p_1", "198.51.100.7", BROWSER, null)));
      }
    }
    long counted = 0;
    for (Future<HttpResponse<String>> r : responses) {
      counted += r.get().body().equals("{\"counted\":true}") ? 1 : 0;
    }
    assertThat(counted).isEqualTo(1);
    settle();
    assertThat(table.postCounter("p_1", "views")).isEqualTo(1);

    clock.advanceMinutes(5);

    assertThat(view("p_1", "198.51.100.7", BROWSER, null).body()).isEqualTo("{\"counted\":true}");
    assertThat(view("p_1", "198.51.100.7", BROWSER, null).body()).isEqualTo("{\"counted\":false}");
    settle();
    assertThat(table.postCounter("p_1", "views")).isEqualTo(2);
  }

  /** The sample event of events/, as API Gateway sends it, aimed at {@code postId}. */
  private static APIGatewayV2HTTPEvent sampleViewEvent(String postId) {
    APIGatewayV2HTTPEvent event =
        EventLoader.loadApiGatewayHttpEvent("../../events/httpapi-record-view.json");
    event.setPathParameters(new HashMap<>(Map.of("postId", postId)));
    event.setHeaders(new HashMap<>(event.getHeaders()));
    return event;
  }

  @Test
  void sampleEvent_countsAView() {
    table.post("p_3kT9xQ2mW8vY", "alice");

    var response = handler.get().handleRequest(sampleViewEvent("p_3kT9xQ2mW8vY"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("{\"counted\":true}");
    settle();
    assertThat(table.postCounter("p_3kT9xQ2mW8vY", "views")).isEqualTo(1);
  }

  @Test
  void views_byBotsOrWithoutUserAgent_areNotCounted_butAnswer200() {
    HttpResponse<String> bot = view("p_1", "66.249.66.1", GOOGLEBOT, null);
    HttpResponse<String> empty = view("p_1", "198.51.100.8", "", null);
    // Java's HTTP client always sends a User-Agent, so the header-less request goes in directly.
    APIGatewayV2HTTPEvent noHeader = sampleViewEvent("p_1");
    noHeader.getHeaders().remove("user-agent");
    noHeader.getRequestContext().getHttp().setUserAgent(null);
    var none = handler.get().handleRequest(noHeader, null);

    for (HttpResponse<String> response : List.of(bot, empty)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"counted\":false}");
    }
    assertThat(none.getStatusCode()).isEqualTo(200);
    assertThat(none.getBody()).isEqualTo("{\"counted\":false}");
    settle();
    assertThat(table.postCounter("p_1", "views")).isZero();
    assertThat(table.profileCounter("alice", "views")).isZero();
  }

  @Test
  void views_byTheAuthorWithAValidToken_areNotCounted_butABadTokenIsJustAnonymous() {
    HttpResponse<String> author = view("p_1", "198.51.100.10", BROWSER, gateway.token("alice"));
    HttpResponse<String> reader = view("p_1", "198.51.100.11", BROWSER, gateway.token("bob"));
    String forged = gateway.token("alice");
    forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
    HttpResponse<String> forgedAuthor = view("p_1", "198.51.100.12", BROWSER, forged);

    assertThat(author.body()).isEqualTo("{\"counted\":false}");
    assertThat(reader.body()).isEqualTo("{\"counted\":true}");
    assertThat(forgedAuthor.statusCode()).isEqualTo(200);
    assertThat(forgedAuthor.body()).isEqualTo("{\"counted\":true}");
    settle();
    assertThat(table.postCounter("p_1", "views")).isEqualTo(2);
  }

  @Test
  void views_ofAnUnknownPost_are404_andBigBodiesAre413() {
    HttpResponse<String> unknown = view("p_missing", "198.51.100.13", BROWSER, null);
    HttpResponse<String> big =
        gateway.send(
            gateway
                .request("/posts/p_1/views")
                .header("user-agent", BROWSER)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(2000) + "\"}"))
                .build());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error"))
        .isEqualTo(Map.of("code", "POST_NOT_FOUND", "message", "No such post."));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(((Map<?, ?>) json(big).get("error")).get("field")).isEqualTo("body");
    settle();
    assertThat(table.postCounter("p_1", "views")).isZero();
  }

  @Test
  void nothingStored_containsAnIpAddressOrUserAgent() {
    List<String> ips = List.of("198.51.100.77", "2001:db8::77");
    List<String> agents =
        List.of(BROWSER, "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 unique-marker-ua");
    for (String ip : ips) {
      for (String ua : agents) {
        assertThat(view("p_1", ip, ua, gateway.token("bob")).statusCode()).isEqualTo(200);
      }
    }
    call("PUT", "/posts/p_1/like", gateway.token("bob"));
    call("PUT", "/posts/p_1/favorite", gateway.token("bob"));
    call("PUT", "/users/alice/follow", gateway.token("bob"));

    List<String> stored = new ArrayList<>();
    aws.dynamoDbClient()
        .scan(r -> r.tableName(table.name()))
        .items()
        .forEach(item -> item.forEach((k, v) -> stored.add(k + "=" + v.toString())));
    settle();
    assertThat(table.postCounter("p_1", "views")).isEqualTo(4);
    for (String value : stored) {
      for (String secret :
          List.of(ips.get(0), ips.get(1), "Mozilla", "Firefox", "unique-marker-ua", "198.51.100")) {
        assertThat(value).doesNotContain(secret);
      }
    }
  }

  @Test
  void likesAndFavorites_needAToken_areIdempotent_andReportTheCount() {
    String bob = gateway.token("bob");

    assertThat(call("PUT", "/posts/p_1/like", null).statusCode()).isEqualTo(401);
    assertThat(call("PUT", "/posts/p_1/like", bob).body())
        .isEqualTo("{\"liked\":true,\"likes\":1}");
    assertThat(call("PUT", "/posts/p_1/like", bob).body())
        .isEqualTo("{\"liked\":true,\"likes\":1}");
    assertThat(call("PUT", "/posts/p_1/like", gateway.token("carol")).body())
        .isEqualTo("{\"liked\":true,\"likes\":2}");
    assertThat(call("DELETE", "/posts/p_1/like", bob).body())
        .isEqualTo("{\"liked\":false,\"likes\":1}");
    assertThat(call("DELETE", "/posts/p_1/like", bob).body())
        .isEqualTo("{\"liked\":false,\"likes\":1}");
    assertThat(call("PUT", "/posts/p_1/favorite", bob).body())
        .isEqualTo("{\"favorited\":true,\"favorites\":1}");
    assertThat(call("PUT", "/posts/p_404/favorite", bob).statusCode()).isEqualTo(404);

    assertThat(table.profileCounter("alice", "likes")).isEqualTo(1);
    assertThat(table.profileCounter("alice", "favorites")).isEqualTo(1);
  }

  @Test
  void favorites_areListedToTheirOwnerOnly_withACursor() {
    String bob = gateway.token("bob");
    for (int i = 0; i < 3; i++) {
      table.post("p_f" + i, "alice");
      call("PUT", "/posts/p_f" + i + "/favorite", bob);
      clock.advanceMinutes(1);
    }

    HttpResponse<String> first = call("GET", "/users/bob/favorites?limit=2", bob);
    Map<?, ?> page = json(first);
    String cursor = (String) page.get("nextCursor");
    HttpResponse<String> second = call("GET", "/users/bob/favorites?limit=2&cursor=" + cursor, bob);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(
            ((List<?>) page.get("items")).stream().map(i -> (Object) ((Map<?, ?>) i).get("postId")))
        .containsExactly((Object) "p_f2", "p_f1");
    assertThat(
            ((List<?>) json(second).get("items"))
                .stream().map(i -> (Object) ((Map<?, ?>) i).get("postId")))
        .containsExactly((Object) "p_f0");
    assertThat(call("GET", "/users/bob/favorites", gateway.token("alice")).statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/users/bob/favorites", null).statusCode()).isEqualTo(401);
    HttpResponse<String> badLimit = call("GET", "/users/bob/favorites?limit=0", bob);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(((Map<?, ?>) json(badLimit).get("error")).get("field")).isEqualTo("limit");
    HttpResponse<String> badCursor = call("GET", "/users/bob/favorites?cursor=forged.cursor", bob);
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(((Map<?, ?>) json(badCursor).get("error")).get("field")).isEqualTo("cursor");
  }

  @Test
  void follows_checkTheTarget_stayExact_andAreListedPublicly() {
    String bob = gateway.token("bob");

    assertThat(call("PUT", "/users/alice/follow", null).statusCode()).isEqualTo(401);
    assertThat(call("PUT", "/users/alice/follow", bob).body())
        .isEqualTo("{\"following\":true,\"followers\":1}");
    assertThat(call("PUT", "/users/alice/follow", bob).body())
        .isEqualTo("{\"following\":true,\"followers\":1}");
    HttpResponse<String> self = call("PUT", "/users/bob/follow", bob);
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(((Map<?, ?>) json(self).get("error")).get("field")).isEqualTo("userId");
    assertThat(call("PUT", "/users/nobody/follow", bob).statusCode()).isEqualTo(404);

    HttpResponse<String> followers = call("GET", "/users/alice/followers", null);
    HttpResponse<String> following = call("GET", "/users/bob/following", null);
    assertThat(followers.statusCode()).isEqualTo(200);
    assertThat(
            ((List<?>) json(followers).get("items"))
                .stream().map(i -> (Object) ((Map<?, ?>) i).get("userId")))
        .containsExactly((Object) "bob");
    assertThat(
            ((List<?>) json(following).get("items"))
                .stream().map(i -> (Object) ((Map<?, ?>) i).get("userId")))
        .containsExactly((Object) "alice");
    assertThat(call("GET", "/users/nobody/followers", null).statusCode()).isEqualTo(404);

    assertThat(call("DELETE", "/users/alice/follow", bob).body())
        .isEqualTo("{\"following\":false,\"followers\":0}");
    assertThat(call("DELETE", "/users/alice/follow", bob).body())
        .isEqualTo("{\"following\":false,\"followers\":0}");
    assertThat(table.profileCounter("bob", "following")).isZero();
  }
}
