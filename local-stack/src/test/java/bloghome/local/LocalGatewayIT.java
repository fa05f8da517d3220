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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway against the real template: routes, path parameters, claims, 401 and 404. */
@ExtendWith(LocalAwsExtension.class)
class LocalGatewayIT {
  /** The product's user id rule (bloghome.profiles.UserIds, which this module cannot see). */
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
  void signIn_isThePagesRoute_whichSendsTheBrowserToTheHostedUi() {
    HttpResponse<String> response = gateway.send(gateway.request("/sign-in").GET().build());

    // template.yaml routes GET /sign-in to the page function, which sends the browser to the
    // hosted UI (Cognito's in AWS, LocalAuthServer locally): the gateway has no sign-in of its own
    assertThat(response.body()).doesNotContain("name=\"user\"");
    assertThat(received)
        .extracting(APIGatewayV2HTTPEvent::getRouteKey)
        .containsExactly("GET /sign-in");
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
