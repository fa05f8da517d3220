package bloghome.manage.api;

import bloghome.json.Json;
import bloghome.local.junit.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Small HTTP helpers over the local gateway, so the tests read like the API's documentation. */
final class BlogApiClient {
  private final TestGateway gateway;

  BlogApiClient(TestGateway gateway) {
    this.gateway = gateway;
  }

  String token(String userId) {
    return gateway.token(userId);
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = gateway.request(path).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return gateway.send(b.build());
  }

  HttpResponse<String> send(
      String method, String path, String userId, String body, String... headers) {
    HttpRequest.Builder b =
        gateway
            .request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("authorization", "Bearer " + gateway.token(userId));
    if (body != null) {
      b.header("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return gateway.send(b.build());
  }

  HttpResponse<String> post(String path, String userId, Object body, String... headers) {
    return send("POST", path, userId, body instanceof String s ? s : Json.write(body), headers);
  }

  HttpResponse<String> put(String path, String userId, Object body) {
    return send("PUT", path, userId, body instanceof String s ? s : Json.write(body));
  }

  HttpResponse<String> delete(String path, String userId) {
    return send("DELETE", path, userId, null);
  }

  /** Publishes a post and returns its JSON (asserting nothing: callers check the status). */
  Map<String, Object> publish(String userId, Map<String, Object> body) {
    HttpResponse<String> r = post("/users/" + userId + "/posts", userId, body);
    if (r.statusCode() != 201) {
      throw new AssertionError("create failed: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> response) {
    return (Map<String, Object>) Json.parse(response.body());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(HttpResponse<String> response) {
    return (List<Map<String, Object>>) json(response).get("items");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> response) {
    return (Map<String, Object>) json(response).get("error");
  }
}
