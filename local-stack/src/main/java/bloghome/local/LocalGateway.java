package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local stand-in for API Gateway's HTTP API: matches the routes of {@code template.yaml}, checks
 * tokens on protected routes, and invokes the handler in-process with a payload 2.0 event.
 *
 * <p>Answers that API Gateway itself gives keep its shape: 404 {@code {"message":"Not Found"}} for
 * an unknown route, 401 {@code {"message":"Unauthorized"}} without a valid token, 413 past 10 MB,
 * 500 {@code {"message":"Internal Server Error"}} when a function fails.
 */
public final class LocalGateway implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalGateway.class.getName());
  private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A route of the template bound to the function that serves it. */
  public record Binding(
      SamTemplate.HttpRoute route,
      String functionName,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

  /** The template's routes of every function that has a handler in {@code handlers}. */
  public static List<Binding> bindings(
      SamTemplate template,
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
    List<Binding> bindings = new ArrayList<>();
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler != null) {
        f.routes().forEach(route -> bindings.add(new Binding(route, f.logicalId(), handler)));
      }
    }
    return bindings;
  }

  private final HttpServer server;
  private final List<Binding> bindings;
  private final LocalJwt jwt;
  private final List<String> corsOrigins;
  private final Map<String, Function<String, Optional<byte[]>>> staticPrefixes =
      new LinkedHashMap<>();
  private volatile LocalSignIn signIn;
  private final Map<String, Supplier<String>> actions = new ConcurrentHashMap<>();

  private LocalGateway(
      HttpServer server, List<Binding> bindings, LocalJwt jwt, List<String> corsOrigins) {
    this.server = server;
    this.bindings = List.copyOf(bindings);
    this.jwt = jwt;
    this.corsOrigins = List.copyOf(corsOrigins);
  }

  public static LocalGateway start(
      int requestedPort, List<Binding> bindings, LocalJwt jwt, List<String> corsOrigins) {
    Ports.requireFree(requestedPort, "the local HTTP gateway");
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
    } catch (IOException e) {
      throw new LocalStackException(
          "Port "
              + requestedPort
              + " for the local HTTP gateway is not available: "
              + e.getMessage(),
          e);
    }
    LocalGateway gateway = new LocalGateway(server, bindings, jwt, corsOrigins);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gateway-", 0).factory()));
    server.createContext("/", gateway::serve);
    server.start();
    return gateway;
  }

  /**
   * Serves GET requests under {@code /_local/<prefix>/...} from a lookup function; the local stack
   * uses it to serve accepted skin images as CloudFront would.
   */
  public void serveStatic(String prefix, Function<String, Optional<byte[]>> lookup) {
    staticPrefixes.put(prefix, lookup);
  }

  /**
   * Serves the local sign-in page at {@code /sign-in} (see {@link LocalSignIn}), ahead of any
   * template route with that path; a user name must pass {@code validUserId} (the product's user id
   * rule, which the local stack does not know) to become a token's {@code sub}.
   */
  public void enableSignIn(Predicate<String> validUserId) {
    signIn = new LocalSignIn(jwt, validUserId);
  }

  /**
   * Serves {@code method} on {@code /_local/<name>} with the JSON the supplier returns: the local
   * stack's operator actions (the failure queue and its replay).
   */
  public void serveAction(String method, String name, Supplier<String> json) {
    actions.put(method + " /_local/" + name, json);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = exchange.getRequestURI();
      String rawPath = uri.getRawPath();
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (rawPath.startsWith("/_local/")) {
        serveLocal(exchange, method, rawPath);
        return;
      }
      LocalSignIn signIn = this.signIn;
      if (signIn != null && rawPath.equals(LocalSignIn.PATH)) {
        serveSignIn(exchange, method, signIn);
        return;
      }
      if ("OPTIONS".equals(method)
          && origin != null
          && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
        preflight(exchange, origin);
        return;
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        send(
            exchange,
            413,
            Map.of("content-type", "application/json"),
            "{\"message\":\"Request Entity Too Large\"}",
            origin);
        return;
      }
      Match match = match(method, rawPath);
      if (match == null) {
        send(
            exchange,
            404,
            Map.of("content-type", "application/json"),
            "{\"message\":\"Not Found\"}",
            origin);
        return;
      }
      Map<String, String> claims = null;
      if (match.binding.route().requiresToken()) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token =
            authorization == null ? null : authorization.replaceFirst("(?i)^Bearer\\s+", "");
        claims = jwt.verify(token).orElse(null);
        if (claims == null) {
          send(
              exchange,
              401,
              Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
              "{\"message\":\"Unauthorized\"}",
              origin);
          return;
        }
      }
      APIGatewayV2HTTPEvent event = event(exchange, match, body, claims);
      APIGatewayV2HTTPResponse response;
      try {
        response =
            match
                .binding
                .handler()
                .handleRequest(event, new LocalContext(match.binding.functionName()));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, match.binding.functionName() + " failed on " + event.getRouteKey(), e);
        send(
            exchange,
            500,
            Map.of("content-type", "application/json"),
            "{\"message\":\"Internal Server Error\"}",
            origin);
        return;
      }
      writeResponse(exchange, response, origin);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "local gateway error", e);
    }
  }

  private void serveLocal(HttpExchange exchange, String method, String rawPath) throws IOException {
    String path = decode(rawPath);
    if (path.equals("/_local/token") && "GET".equals(method)) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String sub = query.getOrDefault("sub", "").strip();
      if (sub.isEmpty()) {
        send(
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
      send(
          exchange,
          200,
          Map.of("content-type", "application/json"),
          "{\"token\":\"" + token + "\"}",
          null);
      return;
    }
    Supplier<String> action = actions.get(method + " " + path);
    if (action != null) {
      send(exchange, 200, Map.of("content-type", "application/json"), action.get(), null);
      return;
    }
    if (path.equals("/_local/issuer/.well-known/jwks.json")) {
      send(exchange, 200, Map.of("content-type", "application/json"), jwt.jwksJson(), null);
      return;
    }
    for (var entry : staticPrefixes.entrySet()) {
      String prefix = "/_local/" + entry.getKey() + "/";
      if (path.startsWith(prefix) && ("GET".equals(method) || "HEAD".equals(method))) {
        Optional<byte[]> bytes = entry.getValue().apply(path.substring(prefix.length()));
        if (bytes.isPresent()) {
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
            exchange.sendResponseHeaders(200, bytes.get().length);
            exchange.getResponseBody().write(bytes.get());
          }
          return;
        }
      }
    }
    send(
        exchange,
        404,
        Map.of("content-type", "application/json"),
        "{\"message\":\"Not Found\"}",
        null);
  }

  private void serveSignIn(HttpExchange exchange, String method, LocalSignIn signIn)
      throws IOException {
    LocalSignIn.Answer answer;
    if ("GET".equals(method)) {
      answer = signIn.form(query(exchange.getRequestURI().getRawQuery()));
    } else if ("POST".equals(method)) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(64 * 1024);
      }
      answer = signIn.submit(query(new String(body, StandardCharsets.UTF_8)));
    } else {
      exchange.getResponseHeaders().set("allow", "GET, POST");
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private void preflight(HttpExchange exchange, String origin) throws IOException {
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

  private record Match(Binding binding, Map<String, String> pathParameters) {}

  private Match match(String method, String rawPath) {
    String[] actual = rawPath.split("/", -1);
    Match best = null;
    int bestScore = -1;
    for (Binding b : bindings) {
      String routeMethod = b.route().method();
      if (!routeMethod.equals(method) && !routeMethod.equals("ANY")) {
        continue;
      }
      String[] pattern = b.route().path().split("/", -1);
      Map<String, String> params = new LinkedHashMap<>();
      int score = 0;
      boolean ok = true;
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        if (p.startsWith("{") && p.endsWith("+}")) {
          if (i >= actual.length) {
            ok = false;
            break;
          }
          params.put(
              p.substring(1, p.length() - 2),
              decode(String.join("/", Arrays.copyOfRange(actual, i, actual.length))));
          i = pattern.length;
          break;
        }
        if (i >= actual.length) {
          ok = false;
          break;
        }
        if (p.startsWith("{") && p.endsWith("}")) {
          if (actual[i].isEmpty()) {
            ok = false;
            break;
          }
          params.put(p.substring(1, p.length() - 1), decode(actual[i]));
        } else if (p.equals(actual[i])) {
          score += 2;
        } else {
          ok = false;
          break;
        }
      }
      boolean greedy = b.route().path().contains("+}");
      if (ok && (greedy || pattern.length == actual.length) && score > bestScore) {
        best = new Match(b, params);
        bestScore = score;
      }
    }
    return best;
  }

  private APIGatewayV2HTTPEvent event(
      HttpExchange exchange, Match match, byte[] body, Map<String, String> claims) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                for (String v : values) {
                  for (String c : v.split(";")) {
                    if (!c.isBlank()) {
                      cookies.add(c.strip());
                    }
                  }
                }
              } else {
                headers.put(lower, String.join(",", values));
              }
            });
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = query(rawQuery);
    String contentType = headers.getOrDefault("content-type", "");
    boolean textual =
        body.length == 0
            || contentType.isEmpty()
            || contentType.startsWith("text/")
            || contentType.contains("json")
            || contentType.contains("xml")
            || contentType.contains("x-www-form-urlencoded");
    Instant now = Instant.now();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    String forwarded = headers.get("x-forwarded-for");
    if (forwarded != null && !forwarded.isBlank()) {
      // Lets local tests play many visitors; API Gateway takes the client address of the
      // connection.
      sourceIp = forwarded.split(",")[0].strip();
    }
    var http =
        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
            .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
            .withPath(exchange.getRequestURI().getRawPath())
            .withProtocol(exchange.getProtocol())
            .withSourceIp(sourceIp)
            .withUserAgent(headers.getOrDefault("user-agent", ""))
            .build();
    var context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId("000000000000")
            .withApiId("local")
            .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
            .withDomainPrefix("127")
            .withHttp(http)
            .withRequestId(UUID.randomUUID().toString())
            .withRouteKey(match.binding.route().routeKey())
            .withStage("$default")
            .withTime(REQUEST_TIME.format(now))
            .withTimeEpoch(now.toEpochMilli());
    if (claims != null) {
      var jwtDescription =
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
              .builder()
              .withClaims(new HashMap<>(claims))
              .withScopes(null)
              .build();
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(jwtDescription)
              .build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(match.binding.route().routeKey())
        .withRawPath(exchange.getRequestURI().getRawPath())
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withPathParameters(match.pathParameters.isEmpty() ? null : match.pathParameters)
        .withRequestContext(context.build())
        .withBody(
            body.length == 0
                ? null
                : textual
                    ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !textual)
        .build();
  }

  private void writeResponse(
      HttpExchange exchange, APIGatewayV2HTTPResponse response, String origin) throws IOException {
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

  private void send(
      HttpExchange exchange, int status, Map<String, String> headers, String body, String origin)
      throws IOException {
    headers.forEach(exchange.getResponseHeaders()::set);
    cors(exchange.getResponseHeaders(), origin);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void cors(Headers out, String origin) {
    if (origin != null && (corsOrigins.contains(origin) || corsOrigins.contains("*"))) {
      out.set("access-control-allow-origin", origin);
      out.set("access-control-expose-headers", "etag,location,retry-after");
      out.add("vary", "Origin");
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
      return bytes.length > MAX_PAYLOAD ? null : bytes;
    }
  }

  /** Query parameters as HTTP API gives them: decoded, repeated names joined with commas. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      out.merge(name, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String decodeQuery(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Path decoding: {@code %XX} only; a {@code +} in a path is a plus. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
