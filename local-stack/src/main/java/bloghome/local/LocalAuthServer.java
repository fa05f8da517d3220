package bloghome.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local stand-in for Cognito's hosted UI, on its own origin as the hosted UI is: {@code GET
 * /oauth2/authorize} (the sign-in form: a user name and a VIP box, no password), {@code POST
 * /login} (the form's answer), {@code POST /oauth2/token}, {@code POST /oauth2/revoke} and {@code
 * GET /logout}, with the rules of {@link LocalAuthorization}. Its tokens are signed by the local
 * issuer ({@link LocalJwt}), whose keys the gateway serves at the issuer's JWKS URL.
 *
 * <p>The hosted session is a cookie of this server ({@value #SESSION_COOKIE}, HttpOnly); cookies
 * are not kept apart by port, so the pages' origin on the same host receives it too, and ignores
 * it.
 */
public final class LocalAuthServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalAuthServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SESSION_COOKIE = "bloghome-hosted-ui";

  private static final String STYLE =
      "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f7;color:#222}"
          + "main{max-width:22rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;"
          + "box-shadow:0 1px 4px rgba(0,0,0,.12)}h1{font-size:1.4rem;margin:0 0 .5rem}p{color:#555;font-size:.9rem}"
          + "label{display:block;margin:.8rem 0}input[type=text]{display:block;width:100%;box-sizing:border-box;"
          + "padding:.4rem;font:inherit}button{font:inherit;padding:.4rem 1.2rem;background:#fc5531;color:#fff;"
          + "border:0;border-radius:4px;cursor:pointer}.error{color:#b00020;font-weight:600}";

  /** Its own policy: no script at all; the one inline style is allowed by its hash. */
  static final String CONTENT_SECURITY_POLICY = policy("");

  /**
   * The policy with the form's target: this server, and the origin of the redirect URI it answers
   * with (browsers hold the redirect after a form's POST to {@code form-action} too).
   */
  static String policy(String redirectOrigin) {
    return "default-src 'none'; style-src '"
        + sha256(STYLE)
        + "'; form-action 'self'"
        + (redirectOrigin.isEmpty() ? "" : " " + redirectOrigin)
        + "; base-uri 'none'; frame-ancestors 'none'";
  }

  private final HttpServer server;
  private final LocalAuthorization rules;

  private LocalAuthServer(HttpServer server, LocalAuthorization rules) {
    this.server = server;
    this.rules = rules;
  }

  /** Starts the server on {@code port} (0: any free one) of the loopback address. */
  public static LocalAuthServer start(int port, LocalAuthorization rules) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new LocalStackException(
          "Port " + port + " for the local hosted sign-in is not available: " + e.getMessage(), e);
    }
    LocalAuthServer auth = new LocalAuthServer(server, rules);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hosted-ui-", 0).factory()));
    server.createContext("/", auth::serve);
    server.start();
    return auth;
  }

  /** The hosted UI's base URL (the pages' {@code COGNITO_DOMAIN}). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public LocalAuthorization rules() {
    return rules;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = RouteTable.query(exchange.getRequestURI().getRawQuery());
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      switch (method + " " + path) {
        case "GET /oauth2/authorize" -> step(exchange, rules.authorize(query, session(exchange)));
        case "POST /login" -> step(exchange, rules.signIn(form(exchange)));
        case "POST /oauth2/token" -> json(exchange, rules.token(form(exchange)), origin);
        case "POST /oauth2/revoke" -> json(exchange, rules.revoke(form(exchange)), origin);
        case "GET /logout" -> {
          Optional<String> session = session(exchange);
          LocalAuthorization.Step step = rules.logout(query, session);
          // the hosted session ends whatever the answer, as on a sign-out page
          session.ifPresent(s -> clearCookie(exchange));
          step(exchange, step);
        }
        case "OPTIONS /oauth2/token", "OPTIONS /oauth2/revoke" -> {
          cors(exchange, origin);
          exchange.getResponseHeaders().set("access-control-allow-methods", "POST");
          exchange.getResponseHeaders().set("access-control-allow-headers", "content-type");
          exchange.sendResponseHeaders(204, -1);
        }
        default -> page(exchange, 404, errorHtml("Not found."), CONTENT_SECURITY_POLICY);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "hosted sign-in error", e);
    }
  }

  private static Optional<String> session(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(SESSION_COOKIE)) {
          return Optional.of(kv[1]);
        }
      }
    }
    return Optional.empty();
  }

  private static void clearCookie(HttpExchange exchange) {
    exchange
        .getResponseHeaders()
        .add("set-cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return RouteTable.query(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
    }
  }

  private static void step(HttpExchange exchange, LocalAuthorization.Step step) throws IOException {
    switch (step) {
      case LocalAuthorization.ShowForm f ->
          page(
              exchange,
              f.error() == null ? 200 : 400,
              formHtml(f),
              policy(origin(f.request().redirectUri())));
      case LocalAuthorization.ShowError e ->
          page(exchange, e.status(), errorHtml(e.message()), CONTENT_SECURITY_POLICY);
      case LocalAuthorization.Redirect r -> {
        r.newSession()
            .ifPresent(
                id ->
                    exchange
                        .getResponseHeaders()
                        .add(
                            "set-cookie",
                            SESSION_COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax"));
        exchange.getResponseHeaders().set("location", r.location());
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.getResponseHeaders().set("referrer-policy", "no-referrer");
        exchange.sendResponseHeaders(302, -1);
      }
    }
  }

  private static void json(
      HttpExchange exchange, LocalAuthorization.TokenAnswer answer, String origin)
      throws IOException {
    cors(exchange, origin);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(answer.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.getResponseHeaders().set("cache-control", "no-store");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The token and revoke endpoints answer any origin, without credentials, as Cognito's do. */
  private static void cors(HttpExchange exchange, String origin) {
    if (origin != null) {
      exchange.getResponseHeaders().set("access-control-allow-origin", origin);
      exchange.getResponseHeaders().set("vary", "Origin");
    }
  }

  /** The scheme, host and port of a (registered, so well-formed) redirect URI. */
  private static String origin(String uri) {
    URI u = URI.create(uri);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  private static void page(HttpExchange exchange, int status, String html, String policy)
      throws IOException {
    var h = exchange.getResponseHeaders();
    h.set("content-type", "text/html; charset=utf-8");
    h.set("content-security-policy", policy);
    h.set("x-content-type-options", "nosniff");
    h.set("referrer-policy", "no-referrer");
    h.set("x-frame-options", "DENY");
    h.set("cache-control", "no-store");
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String head(String title) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + title
        + "</title><style>"
        + STYLE
        + "</style></head><body><main>";
  }

  private static String errorHtml(String message) {
    return head("Sign-in problem · 登录出错 (local)")
        + "<h1>Sign-in problem · 登录出错</h1>"
        + "<p class=\"error\" id=\"hosted-error\" role=\"alert\">"
        + escape(message)
        + "</p></main></body></html>";
  }

  private static String formHtml(LocalAuthorization.ShowForm form) {
    LocalAuthorization.AuthorizeRequest r = form.request();
    Map<String, String> hidden = new LinkedHashMap<>();
    hidden.put("client_id", r.clientId());
    hidden.put("redirect_uri", r.redirectUri());
    hidden.put("response_type", "code");
    hidden.put("scope", r.scope());
    hidden.put("code_challenge", r.codeChallenge());
    hidden.put("code_challenge_method", "S256");
    if (r.state() != null) {
      hidden.put("state", r.state());
    }
    if (r.nonce() != null) {
      hidden.put("nonce", r.nonce());
    }
    StringBuilder fields = new StringBuilder();
    hidden.forEach(
        (k, v) ->
            fields
                .append("<input type=\"hidden\" name=\"")
                .append(k)
                .append("\" value=\"")
                .append(escape(v))
                .append("\">"));
    return head("Sign in · 登录 (local)")
        + "<h1>Sign in · 登录</h1>"
        + "<p>Local stack: any user name, no password. In AWS this is Cognito's hosted sign-in.</p>"
        + (form.error() == null
            ? ""
            : "<p class=\"error\" id=\"sign-in-error\" role=\"alert\">"
                + escape(form.error())
                + "</p>")
        + "<form method=\"post\" action=\"/login\">"
        + fields
        + "<label for=\"user\">User name · 用户名</label>"
        + "<input type=\"text\" id=\"user\" name=\"user\" required maxlength=\"128\" autocomplete=\"username\""
        + " autofocus value=\""
        + escape(form.user())
        + "\">"
        + "<label><input type=\"checkbox\" id=\"vip\" name=\"vip\" value=\"1\"> VIP</label>"
        + "<button type=\"submit\">Sign in</button>"
        + "</form></main></body></html>";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
