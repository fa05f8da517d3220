package bloghome.http;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.Json;
import bloghome.log.Log;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  /** A handler with one route per behaviour under test. */
  static final class Sample extends ApiHandler {
    Sample() {
      route("GET /items/{id}", r -> Responses.json(200, Map.of("id", r.pathParam("id"))));
      route("POST /items", r -> Responses.json(201, r.json(64).asMap()));
      route(
          "GET /invalid",
          r -> {
            throw Problem.invalid("limit", "limit must be between 1 and 100.");
          });
      route(
          "GET /broken",
          r -> {
            throw new IllegalStateException("secret detail from 198.51.100.7");
          });
      route("GET /caller", r -> Responses.json(200, Map.of("user", r.requireCaller().userId())));
    }
  }

  @BeforeEach
  void captureLogs() {
    Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLogs() {
    Log.redirect(System.out);
  }

  private static APIGatewayV2HTTPEvent event(
      String routeKey, Map<String, String> pathParams, String body, boolean base64) {
    return event(routeKey, pathParams, body, base64, "application/json");
  }

  private static APIGatewayV2HTTPEvent event(
      String routeKey,
      Map<String, String> pathParams,
      String body,
      boolean base64,
      String contentType) {
    Map<String, String> headers = new HashMap<>(Map.of("user-agent", "Mozilla/5.0 SecretBrowser"));
    if (contentType != null) {
      headers.put("content-type", contentType);
    }
    return APIGatewayV2HTTPEvent.builder()
        .withRouteKey(routeKey)
        .withPathParameters(pathParams)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withSourceIp("198.51.100.7")
                        .build())
                .build())
        .build();
  }

  @Test
  void handleRequest_dispatchesOnTheRouteKey_withPathParameters() {
    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("GET /items/{id}", Map.of("id", "é1"), null, false), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(Json.parse(response.getBody())).isEqualTo(Map.of("id", "é1"));
    assertThat(response.getHeaders()).containsEntry("content-type", Responses.JSON);
  }

  @Test
  void handleRequest_mapsProblemsToJsonErrorsNamingTheField() {
    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("GET /invalid", null, null, false), null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(Json.parse(response.getBody()))
        .isEqualTo(
            Map.of(
                "error",
                Map.of(
                    "code",
                    "INVALID_LIMIT",
                    "message",
                    "limit must be between 1 and 100.",
                    "field",
                    "limit")));
  }

  @Test
  void handleRequest_answers500WithoutDetails_whenTheCodeFails_andLogsNoIpOrUserAgent() {
    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("GET /broken", null, null, false), null);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getBody()).doesNotContain("secret detail");
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("\"route\":\"GET /broken\"").contains("\"status\":500");
    assertThat(log)
        .contains("IllegalStateException")
        .doesNotContain("SecretBrowser")
        .doesNotContain("198.51.100.7");
  }

  @Test
  void handleRequest_countsA500AsAServerErrorMetric_andA400AsNone() {
    new Sample().handleRequest(event("GET /invalid", null, null, false), null);
    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("ServerError");

    new Sample().handleRequest(event("GET /broken", null, null, false), null);

    // The errors alarm adds this to Lambda's Errors, which a 500 answered by us does not raise.
    Map<?, ?> metric =
        logged
            .toString(StandardCharsets.UTF_8)
            .lines()
            .map(l -> (Map<?, ?>) Json.parse(l))
            .filter(l -> l.containsKey("_aws"))
            .findFirst()
            .orElseThrow();
    assertThat(metric.get("ServerError")).isEqualTo(1L);
    assertThat(metric.get("Function")).isNotNull();
  }

  @Test
  void handleRequest_writesOneJsonLogLinePerRequest() {
    new Sample().handleRequest(event("GET /items/{id}", Map.of("id", "1"), null, false), null);

    String[] lines = logged.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    Map<?, ?> line = (Map<?, ?>) Json.parse(lines[0]);
    assertThat(line.get("route")).isEqualTo("GET /items/{id}");
    assertThat(line.get("status")).isEqualTo(200L);
    assertThat(line.get("requestId")).isEqualTo("-");
    // What Lambda's JSON log format reads: the level (filtered by ApplicationLogLevel) and an RFC
    // 3339 time.
    assertThat(line.get("level")).isEqualTo("INFO");
    assertThat(Instant.parse((String) line.get("timestamp"))).isNotNull();
    assertThat(lines[0]).doesNotContain("198.51.100.7").doesNotContain("SecretBrowser");
  }

  @Test
  void handleRequest_isA404_forARouteThisFunctionDoesNotServe() {
    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("GET /elsewhere", null, null, false), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getBody()).contains("ROUTE_NOT_FOUND");
  }

  @Test
  void body_isA413PastTheLimit_andA400WhenMalformed_orEmpty_orNotAnObject() {
    Sample handler = new Sample();

    assertThat(
            handler
                .handleRequest(
                    event("POST /items", null, "{\"a\":\"" + "x".repeat(100) + "\"}", false), null)
                .getStatusCode())
        .isEqualTo(413);
    String big = Base64.getEncoder().encodeToString(new byte[200]);
    assertThat(handler.handleRequest(event("POST /items", null, big, true), null).getStatusCode())
        .isEqualTo(413);
    for (String bad : new String[] {null, "", "{", "[1]", "\"text\""}) {
      APIGatewayV2HTTPResponse response =
          handler.handleRequest(event("POST /items", null, bad, false), null);
      assertThat(response.getStatusCode()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(response.getBody()).contains("\"field\":\"body\"");
    }
  }

  @Test
  void body_acceptsBase64AndUnicode() {
    String json = "{\"t\":\"中文 😀\"}";
    String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("POST /items", null, encoded, true), null);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(Json.parse(response.getBody())).isEqualTo(Map.of("t", "中文 😀"));
  }

  @Test
  void body_isA415_unlessTheContentTypeIsApplicationJson_withAnyCharset() {
    Sample handler = new Sample();
    for (String ok :
        new String[] {
          "application/json",
          "application/json; charset=utf-8",
          "Application/JSON",
          "application/json;charset=UTF-8",
          " application/json ; charset=\"utf-8\""
        }) {
      assertThat(
              handler
                  .handleRequest(event("POST /items", null, "{}", false, ok), null)
                  .getStatusCode())
          .as(ok)
          .isEqualTo(201);
    }
    for (String bad :
        new String[] {
          null,
          "",
          "text/plain",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/jsonx",
          "application/json-patch+json",
          "text/json",
          "application/vnd.api+json",
          "json",
          "application",
          "*/*"
        }) {
      APIGatewayV2HTTPResponse response =
          handler.handleRequest(event("POST /items", null, "{}", false, bad), null);
      assertThat(response.getStatusCode()).as(String.valueOf(bad)).isEqualTo(415);
      assertThat(Json.parse(response.getBody()))
          .as(String.valueOf(bad))
          .isEqualTo(
              Map.of(
                  "error",
                  Map.of(
                      "code", "UNSUPPORTED_MEDIA_TYPE",
                      "message", "The body must be JSON, sent with content-type: application/json.",
                      "field", "content-type")));
    }
  }

  @Test
  void body_isIgnoredWithItsContentType_onRoutesThatReadNoBody() {
    APIGatewayV2HTTPResponse response =
        new Sample()
            .handleRequest(
                event("GET /items/{id}", Map.of("id", "1"), "junk", false, "text/plain"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
  }

  @Test
  void idPathParameters_areA400NamingTheParameter_unlessKeySafe() {
    Sample handler = new Sample();
    String[] bad = {
      "#", "a#b", "😀", "x".repeat(3000), "", " ", "a b", "a/b", "a|b", "é", "a\u0000"
    };
    Map<String, String> good =
        Map.of(
            "userId",
            "alice.b_c@d+e-f",
            "postId",
            Ids.newId("p"),
            "commentId",
            Ids.newId("c"),
            "uploadId",
            Ids.newId("up"),
            "otherId",
            "x1");
    for (var param : good.entrySet()) {
      String route = "GET /things/{" + param.getKey() + "}";
      ApiHandler echo =
          new ApiHandler() {
            {
              route(route, r -> Responses.json(200, Map.of("id", r.pathParam(param.getKey()))));
            }
          };
      assertThat(
              echo.handleRequest(
                      event(route, Map.of(param.getKey(), param.getValue()), null, false), null)
                  .getStatusCode())
          .as(param.getKey())
          .isEqualTo(200);
      for (String id : bad) {
        APIGatewayV2HTTPResponse response =
            echo.handleRequest(event(route, Map.of(param.getKey(), id), null, false), null);
        assertThat(response.getStatusCode()).as(param.getKey() + " " + id).isEqualTo(400);
        assertThat(Json.parse(response.getBody()))
            .extracting("error")
            .extracting("field")
            .isEqualTo(param.getKey());
      }
    }
    // A key-safe id of another shape is the use case's to judge (usually a 404), not a 400 here.
    ApiHandler echo =
        new ApiHandler() {
          {
            route(
                "GET /things/{postId}",
                r -> Responses.json(200, Map.of("id", r.pathParam("postId"))));
          }
        };
    assertThat(
            echo.handleRequest(
                    event("GET /things/{postId}", Map.of("postId", "p1"), null, false), null)
                .getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void requireCaller_isA401_withoutVerifiedClaims() {
    APIGatewayV2HTTPResponse response =
        new Sample().handleRequest(event("GET /caller", null, null, false), null);

    assertThat(response.getStatusCode()).isEqualTo(401);
  }
}
