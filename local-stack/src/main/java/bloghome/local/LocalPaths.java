package bloghome.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
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
 * the CDN serves them). Sign-in is not here: the pages' {@code /sign-in} sends the browser to the
 * local hosted UI ({@link LocalAuthServer}), as to Cognito's in AWS.
 */
final class LocalPaths {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalJwt jwt;
  private final GatewayResponses responses;
  private final Map<String, Function<String, Optional<byte[]>>> staticPrefixes =
      new LinkedHashMap<>();
  private final Map<String, Supplier<String>> actions = new ConcurrentHashMap<>();
  private volatile LocalAuthorization authorization;
  private volatile URI hostedUi;

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

  void enableHostedUi(LocalAuthorization authorization, URI hostedUi) {
    this.authorization = authorization;
    this.hostedUi = hostedUi;
  }

  /** Serves the request if its path is one of these; false leaves it to the template's routes. */
  boolean serve(HttpExchange exchange, String method, String rawPath) throws IOException {
    if (rawPath.startsWith("/_local/")) {
      serveLocal(exchange, method, rawPath);
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
    if (path.equals("/_local/issuer/.well-known/openid-configuration") && hostedUi != null) {
      responses.send(exchange, 200, Map.of("content-type", "application/json"), discovery(), null);
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
    LocalAuthorization authorization = this.authorization;
    String json;
    if (authorization == null) {
      json = "{\"token\":\"" + jwt.mint(sub, groups, Duration.ofHours(12)) + "\"}";
    } else {
      // The hosted UI's own tokens (id, access, refresh), with its lifetimes; "token" is the id
      // token, as before.
      Map<String, Object> tokens =
          new LinkedHashMap<>(authorization.issue(sub, groups, jwt.audience()));
      tokens.put("token", tokens.get("id_token"));
      json = JSON.writeValueAsString(tokens);
    }
    responses.send(exchange, 200, Map.of("content-type", "application/json"), json, null);
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

  /** The issuer's OpenID configuration, naming the local hosted UI's endpoints. */
  private String discovery() throws IOException {
    String ui = hostedUi.toString();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", jwt.issuer());
    doc.put("authorization_endpoint", ui + "/oauth2/authorize");
    doc.put("token_endpoint", ui + "/oauth2/token");
    doc.put("revocation_endpoint", ui + "/oauth2/revoke");
    doc.put("end_session_endpoint", ui + "/logout");
    doc.put("jwks_uri", jwt.issuer() + "/.well-known/jwks.json");
    doc.put("response_types_supported", List.of("code"));
    doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("scopes_supported", List.of("openid", "email", "profile"));
    return JSON.writeValueAsString(doc);
  }
}
