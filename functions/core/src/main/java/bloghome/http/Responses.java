package bloghome.http;

import bloghome.errors.Problem;
import bloghome.errors.RetryLater;
import bloghome.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds HTTP API responses; every body is JSON and every error has the same shape. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  public static APIGatewayV2HTTPResponse json(int status, Object body) {
    return json(status, body, Map.of());
  }

  public static APIGatewayV2HTTPResponse json(
      int status, Object body, Map<String, String> headers) {
    return jsonText(status, Json.write(body), headers);
  }

  /**
   * A response with JSON already written: its content type, and {@code nosniff} so that no browser
   * reads user text in it as HTML or script.
   */
  public static APIGatewayV2HTTPResponse jsonText(
      int status, String json, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("content-type", JSON);
    all.put("x-content-type-options", "nosniff");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(all)
        .withBody(json)
        .withIsBase64Encoded(false)
        .build();
  }

  public static APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(new HashMap<>(headers))
        .withIsBase64Encoded(false)
        .build();
  }

  public static APIGatewayV2HTTPResponse error(Problem problem) {
    Map<String, String> headers = new HashMap<>();
    if (problem instanceof RetryLater retry) {
      headers.put("retry-after", Long.toString(retry.retryAfterSeconds()));
    }
    Map<String, Object> body =
        new LinkedHashMap<>(errorBody(problem.code(), problem.getMessage(), problem.field()));
    body.putAll(problem.details());
    return json(problem.kind().status(), body, headers);
  }

  public static Map<String, Object> errorBody(String code, String message, String field) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    return Map.of("error", error);
  }
}
