package bloghome.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The local stand-in for Cognito's hosted sign-in: {@code GET /sign-in?return=<path>} shows a form
 * (user name, a VIP box), and its POST mints the local token, as {@code /_local/token} does, and
 * sends the browser on to {@code /auth/callback#id_token=<jwt>&return=<path>}, where the pages take
 * over exactly as after Cognito.
 *
 * <p>No password: anyone reaching the local stack may be anyone, as with {@code /_local/token}. The
 * return address is a local path only (no open redirect); anything else becomes {@code /}.
 */
final class LocalSignIn {
  static final String PATH = "/sign-in";
  static final String CALLBACK = "/auth/callback";
  static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
  private static final int MAX_RETURN = 2048;

  private static final String STYLE =
      "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f7;color:#222}"
          + "main{max-width:22rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;"
          + "box-shadow:0 1px 4px rgba(0,0,0,.12)}h1{font-size:1.4rem;margin:0 0 .5rem}p{color:#555;font-size:.9rem}"
          + "label{display:block;margin:.8rem 0}input[type=text]{display:block;width:100%;box-sizing:border-box;"
          + "padding:.4rem;font:inherit}button{font:inherit;padding:.4rem 1.2rem;background:#fc5531;color:#fff;"
          + "border:0;border-radius:4px;cursor:pointer}.error{color:#b00020;font-weight:600}";

  /** Its own policy: no script at all; the one inline style is allowed by its hash. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; "
          + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** An answer of the sign-in route: a status, headers and an HTML body (empty for a redirect). */
  record Answer(int status, Map<String, String> headers, String body) {}

  private final LocalJwt jwt;
  private final Predicate<String> validUserId;

  LocalSignIn(LocalJwt jwt, Predicate<String> validUserId) {
    this.jwt = jwt;
    this.validUserId = validUserId;
  }

  /** {@code GET /sign-in?return=...}: the empty form. */
  Answer form(Map<String, String> query) {
    return page(200, safeReturn(query.get("return")), "", null);
  }

  /**
   * {@code POST /sign-in} with a form body: a token and a redirect, or the form again with what is
   * wrong.
   */
  Answer submit(Map<String, String> form) {
    String returnPath = safeReturn(form.get("return"));
    String user = form.getOrDefault("user", "").strip();
    if (!validUserId.test(user)) {
      return page(
          400,
          returnPath,
          user,
          "User name must be 1-128 characters of letters, digits and . _ @ + - (用户名只能包含字母、数字和 . _ @ + -)");
    }
    boolean vip = form.containsKey("vip");
    String token = jwt.mint(user, vip ? List.of("vip") : List.of(), TOKEN_LIFETIME);
    String location = CALLBACK + "#id_token=" + token + "&return=" + encode(returnPath);
    return new Answer(
        303,
        Map.of(
            "location",
            location,
            "cache-control",
            "no-store",
            "referrer-policy",
            "no-referrer",
            "content-security-policy",
            CONTENT_SECURITY_POLICY),
        "");
  }

  /**
   * {@code path} when it is a path on this site, else {@code /}: it must start with one slash (not
   * {@code //} or {@code /\}, which browsers read as another host), and hold no backslash or
   * control character.
   */
  static String safeReturn(String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_RETURN || path.charAt(0) != '/') {
      return "/";
    }
    if (path.length() > 1 && (path.charAt(1) == '/' || path.charAt(1) == '\\')) {
      return "/";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return "/";
      }
    }
    return path;
  }

  private static Answer page(int status, String returnPath, String user, String error) {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<title>Sign in · 登录 (local)</title><style>"
            + STYLE
            + "</style></head><body><main>"
            + "<h1>Sign in · 登录</h1>"
            + "<p>Local stack: any user name, no password. In AWS this is Cognito's hosted sign-in.</p>"
            + (error == null
                ? ""
                : "<p class=\"error\" id=\"sign-in-error\" role=\"alert\">"
                    + escape(error)
                    + "</p>")
            + "<form method=\"post\" action=\""
            + PATH
            + "\">"
            + "<input type=\"hidden\" name=\"return\" value=\""
            + escape(returnPath)
            + "\">"
            + "<label for=\"user\">User name · 用户名</label>"
            + "<input type=\"text\" id=\"user\" name=\"user\" required maxlength=\"128\" autocomplete=\"username\""
            + " autofocus value=\""
            + escape(user)
            + "\">"
            + "<label><input type=\"checkbox\" id=\"vip\" name=\"vip\" value=\"1\"> VIP</label>"
            + "<button type=\"submit\">Sign in</button>"
            + "</form></main></body></html>";
    return new Answer(
        status,
        Map.of(
            "content-type", "text/html; charset=utf-8",
            "content-security-policy", CONTENT_SECURITY_POLICY,
            "x-content-type-options", "nosniff",
            "referrer-policy", "no-referrer",
            "x-frame-options", "DENY",
            "cache-control", "no-store"),
        html);
  }

  private static String encode(String value) {
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
