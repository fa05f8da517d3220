package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls a handler the way API Gateway does (payload 2.0 events with verified claims). */
final class Api {
  private final CommentsHandler handler;

  Api(CommentsHandler handler) {
    this.handler = handler;
  }

  /** A response with its body parsed. */
  record Result(int status, Map<String, String> headers, Map<String, Object> json, String raw) {
    @SuppressWarnings("unchecked")
    Map<String, Object> error() {
      return (Map<String, Object>) json.get("error");
    }

    String string(String field) {
      return (String) json.get(field);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json.get("items");
    }
  }

  Result comment(String userId, String postId, String text) {
    return post(userId, postId, Json.write(Map.of("body", text)), null);
  }

  Result reply(String userId, String postId, String replyTo, String text) {
    return post(userId, postId, Json.write(Map.of("body", text, "replyTo", replyTo)), null);
  }

  /** A created comment's id, failing the test if creation failed. */
  String commentId(String userId, String postId, String text) {
    Result r = comment(userId, postId, text);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.string("commentId");
  }

  String replyId(String userId, String postId, String replyTo, String text) {
    Result r = reply(userId, postId, replyTo, text);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.string("commentId");
  }

  Result post(String userId, String postId, String body, String idempotencyKey) {
    APIGatewayV2HTTPEvent event =
        event("POST /posts/{postId}/comments", Map.of("postId", postId), userId);
    event.setBody(body);
    if (idempotencyKey != null) {
      event.getHeaders().put("idempotency-key", idempotencyKey);
    }
    return call(event);
  }

  Result list(String postId, Map<String, String> query) {
    return listAs(null, postId, query);
  }

  /** The list as {@code userId} (null: anonymous) reads it. */
  Result listAs(String userId, String postId, Map<String, String> query) {
    APIGatewayV2HTTPEvent event =
        event("GET /posts/{postId}/comments", Map.of("postId", postId), userId);
    event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
    return call(event);
  }

  /** {@code GET /studio/comments} as {@code userId} (null: without a token). */
  Result studio(String userId, Map<String, String> query) {
    APIGatewayV2HTTPEvent event = event("GET /studio/comments", Map.of(), userId);
    event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
    return call(event);
  }

  Result delete(String userId, String commentId) {
    return call(event("DELETE /comments/{commentId}", Map.of("commentId", commentId), userId));
  }

  private Result call(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    String raw = response.getBody();
    Map<String, Object> json = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) Json.parse(raw);
      json = parsed;
    }
    Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
    return new Result(response.getStatusCode(), headers, json, raw);
  }

  static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> path, String userId) {
    APIGatewayV2HTTPEvent.RequestContext.Http http =
        new APIGatewayV2HTTPEvent.RequestContext.Http();
    http.setMethod(routeKey.substring(0, routeKey.indexOf(' ')));
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setHttp(http);
    if (userId != null) {
      APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
          new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt =
          new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
      jwt.setClaims(Map.of("sub", userId));
      authorizer.setJwt(jwt);
      context.setAuthorizer(authorizer);
    }
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setRouteKey(routeKey);
    event.setPathParameters(new HashMap<>(path));
    event.setHeaders(new HashMap<>(Map.of("content-type", "application/json")));
    event.setRequestContext(context);
    event.setIsBase64Encoded(false);
    return event;
  }
}
