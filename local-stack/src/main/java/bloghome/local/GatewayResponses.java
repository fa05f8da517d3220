package bloghome.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the gateway's answers: a function's payload 2.0 response, the gateway's own JSON answers
 * (404, 401, 413, 500), CORS preflights and the CORS headers of the allowed origins.
 */
final class GatewayResponses {
  private final List<String> corsOrigins;

  GatewayResponses(List<String> corsOrigins) {
    this.corsOrigins = List.copyOf(corsOrigins);
  }

  /** A JSON answer of the gateway itself, in API Gateway's {@code {"message": ...}} shape. */
  void message(HttpExchange exchange, int status, String message, String origin)
      throws IOException {
    send(
        exchange,
        status,
        Map.of("content-type", "application/json"),
        "{\"message\":\"" + message + "\"}",
        origin);
  }

  void send(
      HttpExchange exchange, int status, Map<String, String> headers, String body, String origin)
      throws IOException {
    headers.forEach(exchange.getResponseHeaders()::set);
    cors(exchange.getResponseHeaders(), origin);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The function's response: headers, cookies, status (200 when unset) and decoded body. */
  void write(HttpExchange exchange, APIGatewayV2HTTPResponse response, String origin)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach(out::set);
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    }
    if (response.getCookies() != null) {
      for (String c : response.getCookies()) {
        out.add("set-cookie", c);
      }
    }
    byte[] body =
        response.getBody() == null
            ? new byte[0]
            : response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
    int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
    cors(out, origin);
    boolean noBody =
        status == 204 || status == 304 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
    if (!noBody && body.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  void preflight(HttpExchange exchange, String origin) throws IOException {
    Headers h = exchange.getResponseHeaders();
    if (corsOrigins.contains(origin) || corsOrigins.contains("*")) {
      h.set("access-control-allow-origin", origin);
      h.set("access-control-allow-methods", "GET,POST,PUT,DELETE,OPTIONS");
      h.set(
          "access-control-allow-headers",
          "authorization,content-type,idempotency-key,if-none-match");
      h.set("access-control-max-age", "600");
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private void cors(Headers out, String origin) {
    if (origin != null && (corsOrigins.contains(origin) || corsOrigins.contains("*"))) {
      out.set("access-control-allow-origin", origin);
      out.set("access-control-expose-headers", "etag,location,retry-after");
      out.add("vary", "Origin");
    }
  }
}
