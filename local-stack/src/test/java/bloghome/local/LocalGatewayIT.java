package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway against the real template: routes, path parameters, claims, 401 and 404. */
@ExtendWith(LocalAwsExtension.class)
class LocalGatewayIT {
  /** The product's user id rule (bloghome.profiles.UserIds, which this module cannot see). */
  private static final Predicate<String> USER_IDS = id -> id.matches("[A-Za-z0-9._@+-]{1,128}");

  private final List<APIGatewayV2HTTPEvent> received = new CopyOnWriteArrayList<>();
  private TestGateway gateway;

  @BeforeEach
  void start(LocalAws aws) {
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> recorder =
        (event, context) -> {
          received.add(event);
          return APIGatewayV2HTTPResponse.builder()
              .withStatusCode(200)
              .withHeaders(Map.of("content-type", "application/json"))
              .withBody("{\"ok\":true}")
              .build();
        };
    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers =
        new HashMap<>();
    for (var f : aws.template().functions()) {
      if (!f.routes().isEmpty()) {
        handlers.put(f.logicalId(), recorder);
      }
    }
    gateway = aws.gateway(handlers);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void protectedRoute_reachesHandler_withPathParametersQueryAndVerifiedClaims() {
    String token = gateway.token("alice", "vip");

    HttpResponse<String> response =
        gateway.send(
            gateway
                .request("/users/alice/skin/uploads?dry=1&x=%E4%B8%AD")
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slot\":\"header\"}"))
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
    APIGatewayV2HTTPEvent event = received.get(0);
    assertThat(event.getRouteKey()).isEqualTo("POST /users/{userId}/skin/uploads");
    assertThat(event.getPathParameters()).containsEntry("userId", "alice");
    assertThat(event.getQueryStringParameters()).containsEntry("dry", "1").containsEntry("x", "中");
    assertThat(event.getBody()).isEqualTo("{\"slot\":\"header\"}");
    assertThat(event.getIsBase64Encoded()).isFalse();
    var claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
    assertThat(claims).containsEntry("sub", "alice").containsEntry("cognito:groups", "[vip]");
    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
  }

  @Test
  void protectedRoute_withoutToken_is401_andNeverReachesTheHandler() {
    HttpResponse<String> response = gateway.send(gateway.request("/posts/p1").DELETE().build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(received).isEmpty();
  }

  @Test
  void protectedRoute_withExpiredOrForgedToken_is401() {
    long now = Instant.now().getEpochSecond();
    String expired =
        gateway
            .jwt()
            .sign(
                Map.of(
                    "sub",
                    "alice",
                    "iss",
                    gateway.jwt().issuer(),
                    "aud",
                    gateway.jwt().audience(),
                    "exp",
                    now - 10));
    String good = gateway.token("alice");
    String forged = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA";
    var otherIssuer =
        new LocalJwt("http://elsewhere", gateway.jwt().audience(), Clock.systemUTC())
            .mint("alice", List.of(), Duration.ofMinutes(5));

    for (String token : List.of(expired, forged, otherIssuer, "not-a-jwt")) {
      HttpResponse<String> response =
          gateway.send(
              gateway
                  .request("/posts/p1")
                  .header("authorization", "Bearer " + token)
                  .DELETE()
                  .build());
      assertThat(response.statusCode()).as(token).isEqualTo(401);
    }
    assertThat(received).isEmpty();
  }

  @Test
  void publicRoute_needsNoToken_andCarriesNoClaims() {
    HttpResponse<String> response =
        gateway.send(gateway.request("/users/bob/posts?limit=5").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getRequestContext().getAuthorizer()).isNull();
    assertThat(received.get(0).getPathParameters()).containsEntry("userId", "bob");
  }

  @Test
  void signInPage_rendersTheForm_withItsOwnPolicy_andKeepsTheReturnPath() {
    HttpResponse<String> response =
        gateway
            .withSignIn(USER_IDS)
            .send(gateway.request("/sign-in?return=%2Fu%2Falice%3Fpage%3D2").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'none'")
                    .contains("frame-ancestors 'none'")
                    .contains("form-action 'self'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("script-src"));
    assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(response.body())
        .contains("<form method=\"post\" action=\"/sign-in\">")
        .contains("name=\"user\"")
        .contains("type=\"checkbox\" id=\"vip\" name=\"vip\"")
        .contains("name=\"return\" value=\"/u/alice?page=2\"")
        .doesNotContain("<script");
    assertThat(received).isEmpty();
  }

  @Test
  void signIn_redirectsToTheCallback_withATokenTheAuthorizerAccepts() {
    gateway.withSignIn(USER_IDS);

    HttpResponse<String> response = postSignIn("user=alice&vip=1&return=%2Fu%2Falice%3Fpage%3D2");

    assertThat(response.statusCode()).isEqualTo(303);
    String location = response.headers().firstValue("location").orElseThrow();
    assertThat(location)
        .startsWith("/auth/callback#id_token=")
        .endsWith("&return=%2Fu%2Falice%3Fpage%3D2");
    String token =
        location.substring("/auth/callback#id_token=".length(), location.indexOf("&return="));
    HttpResponse<String> call =
        gateway.send(
            gateway
                .request("/posts/p1")
                .header("authorization", "Bearer " + token)
                .DELETE()
                .build());
    assertThat(call.statusCode()).isEqualTo(200);
    var claims = received.get(0).getRequestContext().getAuthorizer().getJwt().getClaims();
    assertThat(claims).containsEntry("sub", "alice").containsEntry("cognito:groups", "[vip]");
  }

  @Test
  void signIn_withoutTheVipBox_givesATokenWithoutGroups() {
    gateway.withSignIn(USER_IDS);

    String location =
        postSignIn("user=bob&return=%2F").headers().firstValue("location").orElseThrow();

    String token =
        location.substring("/auth/callback#id_token=".length(), location.indexOf("&return="));
    assertThat(gateway.jwt().verify(token))
        .hasValueSatisfying(
            claims ->
                assertThat(claims).containsEntry("sub", "bob").doesNotContainKey("cognito:groups"));
  }

  @Test
  void signIn_sendsEveryReturnThatIsNotALocalPath_toTheRoot() {
    gateway.withSignIn(USER_IDS);
    List<String> attempts =
        List.of(
            "%2F%2Fevil.example%2Fx",
            "https%3A%2F%2Fevil.example",
            "%2F%5Cevil.example",
            "javascript%3Aalert(1)",
            "",
            "evil.example",
            "%2Fok%0D%0ASet-Cookie%3A+x%3D1",
            "%5C%5Cevil.example");

    for (String attempt : attempts) {
      HttpResponse<String> response = postSignIn("user=alice&return=" + attempt);

      assertThat(response.statusCode()).as(attempt).isEqualTo(303);
      assertThat(response.headers().firstValue("location"))
          .as(attempt)
          .hasValueSatisfying(location -> assertThat(location).endsWith("&return=%2F"));
    }
    HttpResponse<String> form =
        gateway.send(gateway.request("/sign-in?return=%2F%2Fevil.example").GET().build());
    assertThat(form.body()).contains("name=\"return\" value=\"/\"").doesNotContain("evil.example");
  }

  @Test
  void signIn_withABadUserName_showsTheFormAgainWith400_andEscapesWhatWasTyped() {
    gateway.withSignIn(USER_IDS);

    for (String user :
        List.of(
            "",
            "%20%20",
            "a%23b",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "x".repeat(129),
            "%E2%80%AEevil")) {
      HttpResponse<String> response = postSignIn("user=" + user + "&vip=1&return=%2Fu%2Fx");

      assertThat(response.statusCode()).as(user).isEqualTo(400);
      assertThat(response.headers().firstValue("location")).as(user).isEmpty();
      assertThat(response.headers().firstValue("content-type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(response.body())
          .as(user)
          .contains("role=\"alert\"")
          .contains("User name must be")
          .contains("<form method=\"post\"")
          .contains("value=\"/u/x\"")
          .doesNotContain("<script>");
    }
  }

  @Test
  void signIn_takesPrecedenceOverATemplateRouteWithTheSamePath() {
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cognitoPage =
        (event, context) -> {
          received.add(event);
          return APIGatewayV2HTTPResponse.builder()
              .withStatusCode(302)
              .withHeaders(Map.of("location", "https://cognito"))
              .build();
        };
    var binding =
        new LocalGateway.Binding(
            new SamTemplate.HttpRoute("GET", "/sign-in", false), "PageFunction", cognitoPage);
    try (LocalGateway pages = LocalGateway.start(0, List.of(binding), gateway.jwt(), List.of())) {
      pages.enableSignIn(USER_IDS);

      HttpResponse<String> response =
          gateway.send(HttpRequest.newBuilder(pages.url().resolve("/sign-in")).GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("name=\"user\"");
      assertThat(received).isEmpty();
    }
  }

  @Test
  void signIn_isNotServed_unlessTurnedOn_soTheTemplatesPageRouteAnswers() {
    HttpResponse<String> response = gateway.send(gateway.request("/sign-in").GET().build());

    // template.yaml routes GET /sign-in to the page function (Cognito's hosted sign-in in AWS)
    assertThat(response.body()).doesNotContain("name=\"user\"");
    assertThat(received)
        .extracting(APIGatewayV2HTTPEvent::getRouteKey)
        .containsExactly("GET /sign-in");
  }

  private HttpResponse<String> postSignIn(String form) {
    return gateway.send(
        gateway
            .request("/sign-in")
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  @Test
  void unknownRoute_is404Json() {
    HttpResponse<String> response = gateway.send(gateway.request("/nowhere/at/all").GET().build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).contains("Not Found");
    assertThat(received).isEmpty();
  }
}
