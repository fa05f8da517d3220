package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The paths the local gateway serves itself, ahead of the template's routes: under {@code /_local/}
 * a token for any user, the issuer's JWKS, the operator actions and static files (skin images as
 * the CDN serves them), and the sign-in page at {@link LocalSignIn#PATH}.
 */
final class LocalPaths {
  private final LocalJwt jwt;
  private final GatewayResponses responses;
  private final Map<String, Function<String, Optional<byte[]>>> staticPrefixes =
      new LinkedHashMap<>();
  private final Map<String, Supplier<String>> actions = new ConcurrentHashMap<>();
  private volatile LocalSignIn signIn;

  LocalPaths(LocalJwt jwt, GatewayResponses responses) {
    this.jwt = jwt;
    this.responses = responses;
  }

  void serveStatic(String prefix, Function<String, Optional<byte[]>> lookup) {
    staticPrefixes.put(prefix, lookup);
  }

  void serveAction(String method, String name, Supplier<String> json) {
    actions.put(method + " /_local/" + name, json);
  }

  void enableSignIn(LocalSignIn signIn) {
    this.signIn = signIn;
  }

  /** Serves the request if its path is one of these; false leaves it to the template's routes. */
  boolean serve(HttpExchange exchange, String method, String rawPath) throws IOException {
    if (rawPath.startsWith("/_local/")) {
      serveLocal(exchange, method, rawPath);
      return true;
    }
    LocalSignIn signIn = this.signIn;
    if (signIn != null && rawPath.equals(LocalSignIn.PATH)) {
      serveSignIn(exchange, method, signIn);
      return true;
    }
    return false;
  }

  private void serveLocal(HttpExchange exchange, String method, String rawPath) throws IOException {
    String path = RouteTable.decodePath(rawPath);
    if (path.equals("/_local/token") && "GET".equals(method)) {
      serveToken(exchange);
      return;
    }
    Supplier<String> action = actions.get(method + " " + path);
    if (action != null) {
      responses.send(exchange, 200, Map.of("content-type", "application/json"), action.get(), null);
      return;
    }
    if (path.equals("/_local/issuer/.well-known/jwks.json")) {
      responses.send(
          exchange, 200, Map.of("content-type", "application/json"), jwt.jwksJson(), null);
      return;
    }
    for (var entry : staticPrefixes.entrySet()) {
      String prefix = "/_local/" + entry.getKey() + "/";
      if (path.startsWith(prefix) && ("GET".equals(method) || "HEAD".equals(method))) {
        Optional<byte[]> bytes = entry.getValue().apply(path.substring(prefix.length()));
        if (bytes.isPresent()) {
          serveFile(exchange, method, path, bytes.get());
          return;
        }
      }
    }
    responses.message(exchange, 404, "Not Found", null);
  }

  private void serveToken(HttpExchange exchange) throws IOException {
    Map<String, String> query = RouteTable.query(exchange.getRequestURI().getRawQuery());
    String sub = query.getOrDefault("sub", "").strip();
    if (sub.isEmpty()) {
      responses.send(
          exchange,
          400,
          Map.of("content-type", "application/json"),
          "{\"error\":{\"code\":\"INVALID_SUB\",\"message\":\"Give ?sub=<user id>\",\"field\":\"sub\"}}",
          null);
      return;
    }
    List<String> groups =
        query.getOrDefault("groups", "").isBlank()
            ? List.of()
            : Arrays.stream(query.get("groups").split(",")).map(String::strip).toList();
    String token = jwt.mint(sub, groups, Duration.ofHours(12));
    responses.send(
        exchange,
        200,
        Map.of("content-type", "application/json"),
        "{\"token\":\"" + token + "\"}",
        null);
  }

  private static void serveFile(HttpExchange exchange, String method, String path, byte[] bytes)
      throws IOException {
    String type =
        path.endsWith(".png")
            ? "image/png"
            : path.endsWith(".jpg") || path.endsWith(".jpeg")
                ? "image/jpeg"
                : "application/octet-stream";
    exchange.getResponseHeaders().set("content-type", type);
    exchange.getResponseHeaders().set("cache-control", "public, max-age=31536000, immutable");
    exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
    if ("HEAD".equals(method)) {
      exchange.sendResponseHeaders(200, -1);
    } else {
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void serveSignIn(HttpExchange exchange, String method, LocalSignIn signIn)
      throws IOException {
    LocalSignIn.Answer answer;
    if ("GET".equals(method) || "HEAD".equals(method)) {
      answer = signIn.form(RouteTable.query(exchange.getRequestURI().getRawQuery()));
    } else if ("POST".equals(method)) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(64 * 1024);
      }
      answer = signIn.submit(RouteTable.query(new String(body, StandardCharsets.UTF_8)));
    } else {
      exchange.getResponseHeaders().set("allow", "GET, HEAD, POST");
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if ("HEAD".equals(method)) {
      exchange.sendResponseHeaders(answer.status(), -1); // as GET, without the body
      return;
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
