package bloghome.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The rules of the local authorization server that stands in for Cognito's hosted UI (see {@link
 * LocalAuthServer} for its HTTP side): the authorization code flow with PKCE for registered public
 * clients, the refresh token grant, revocation, the hosted-UI session and its logout, issuing
 * tokens shaped as Cognito's.
 *
 * <p>What it holds to: a client and its redirect URI must be registered (exact match, as Cognito);
 * PKCE with {@code S256} is required (Cognito makes it optional; our pages always send it); a code
 * lives five minutes, is good once, and only for the client, redirect URI and verifier it was
 * issued for; presenting a code again revokes the refresh token issued for it (RFC 6749 §4.1.2); a
 * refresh token is good for its client until it expires or is revoked, and is not rotated (as
 * Cognito without rotation). Lifetimes and the clock are given, so tests can pass an id token's
 * life without waiting.
 */
public final class LocalAuthorization {
  static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_FIELD = 2048;

  /** Token lifetimes; {@link #cognitoDefaults()} are Cognito's (and the template's defaults). */
  public record Lifetimes(Duration id, Duration access, Duration refresh, Duration hostedSession) {
    public static Lifetimes cognitoDefaults() {
      return new Lifetimes(
          Duration.ofMinutes(60), Duration.ofMinutes(60), Duration.ofDays(30), Duration.ofHours(1));
    }
  }

  /** A registered app client: public (no secret), with its exact callback and logout URLs. */
  public record Client(String clientId, List<String> callbackUrls, List<String> logoutUrls) {}

  /** What the token endpoint answers: tokens, or an OAuth error code with a status. */
  public record TokenAnswer(int status, Map<String, Object> json) {
    static TokenAnswer error(String code, String description) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("error", code);
      json.put("error_description", description);
      return new TokenAnswer(400, json);
    }
  }

  /** The parameters of an authorization request, as the sign-in form carries them on. */
  public record AuthorizeRequest(
      String clientId,
      String redirectUri,
      String state,
      String nonce,
      String scope,
      String codeChallenge) {
    static AuthorizeRequest of(Map<String, String> params) {
      return new AuthorizeRequest(
          params.getOrDefault("client_id", ""),
          params.getOrDefault("redirect_uri", ""),
          params.get("state"),
          params.get("nonce"),
          params.getOrDefault("scope", "openid"),
          params.getOrDefault("code_challenge", ""));
    }
  }

  /**
   * The answer to an authorization request or a sign-in: a page to show (the form, or an error that
   * may not go back to an unverified redirect URI), or a redirect.
   */
  public sealed interface Step {}

  /** Show the sign-in form for this request (no hosted session yet). */
  public record ShowForm(AuthorizeRequest request, String user, String error) implements Step {}

  /** Show an error page: the request cannot be answered at its redirect URI. */
  public record ShowError(int status, String message) implements Step {}

  /** Redirect to {@code location}; a new hosted session to set as a cookie, if one began. */
  public record Redirect(String location, Optional<String> newSession) implements Step {}

  private record Code(
      AuthorizeRequest request, String sub, List<String> groups, long authTime, Instant expires) {}

  private record Grant(
      String clientId,
      String sub,
      List<String> groups,
      long authTime,
      String scope,
      String originJti,
      Instant expires) {}

  private record HostedSession(String sub, List<String> groups, long authTime, Instant expires) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalJwt jwt;
  private final Clock clock;
  private final Lifetimes lifetimes;
  private final Predicate<String> validUserId;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, String> redeemedCodes = new ConcurrentHashMap<>(); // code -> refresh
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, HostedSession> sessions = new ConcurrentHashMap<>();

  public LocalAuthorization(
      LocalJwt jwt, Clock clock, Lifetimes lifetimes, Predicate<String> validUserId) {
    this.jwt = jwt;
    this.clock = clock;
    this.lifetimes = lifetimes;
    this.validUserId = validUserId;
  }

  public void register(Client client) {
    clients.put(client.clientId(), client);
  }

  public Lifetimes lifetimes() {
    return lifetimes;
  }

  /** {@code GET /oauth2/authorize}: a code at once within a hosted session, else the form. */
  public Step authorize(Map<String, String> params, Optional<String> sessionId) {
    AuthorizeRequest request = AuthorizeRequest.of(params);
    Optional<Step> refused = check(request, params);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<HostedSession> session = sessionId.flatMap(this::liveSession);
    if (session.isPresent()) {
      HostedSession s = session.get();
      return new Redirect(
          codeRedirect(request, s.sub(), s.groups(), s.authTime()), Optional.empty());
    }
    return new ShowForm(request, "", null);
  }

  /** {@code POST /login}: the form's user name and VIP box; a hosted session and a code. */
  public Step signIn(Map<String, String> form) {
    AuthorizeRequest request = AuthorizeRequest.of(form);
    Optional<Step> refused = check(request, form);
    if (refused.isPresent()) {
      return refused.get();
    }
    String user = form.getOrDefault("user", "").strip();
    if (!validUserId.test(user)) {
      return new ShowForm(
          request,
          user,
          "User name must be 1-128 characters of letters, digits and . _ @ + - (用户名只能包含字母、数字和 . _ @ + -)");
    }
    List<String> groups = form.containsKey("vip") ? List.of("vip") : List.of();
    long authTime = clock.instant().getEpochSecond();
    String sessionId = random(32);
    sessions.put(
        sessionId,
        new HostedSession(user, groups, authTime, clock.instant().plus(lifetimes.hostedSession())));
    return new Redirect(codeRedirect(request, user, groups, authTime), Optional.of(sessionId));
  }

  /**
   * Checks a request as far as it must be checked before anything may be sent to its redirect URI:
   * an unknown client or an unregistered redirect URI gets a page, never a redirect.
   */
  private Optional<Step> check(AuthorizeRequest request, Map<String, String> params) {
    Client client = clients.get(request.clientId());
    if (client == null) {
      return Optional.of(
          new ShowError(
              400,
              "This sign-in link names an app this server does not know (client_id). Go back to"
                  + " the site and use its Sign in link."));
    }
    if (!client.callbackUrls().contains(request.redirectUri())) {
      return Optional.of(
          new ShowError(
              400,
              "This sign-in link would send you to an address the app has not registered"
                  + " (redirect_uri). Go back to the site and use its Sign in link."));
    }
    String error = null;
    if (!"code".equals(params.get("response_type"))) {
      error = "unsupported_response_type";
    } else if (!"S256".equals(params.get("code_challenge_method"))
        || request.codeChallenge().length() < 43
        || request.codeChallenge().length() > 128) {
      error = "invalid_request";
    } else if (!List.of(request.scope().split(" ")).contains("openid")) {
      error = "invalid_scope";
    } else if (tooLong(request.state()) || tooLong(request.nonce())) {
      error = "invalid_request";
    }
    if (error != null) {
      String location = request.redirectUri() + "?error=" + error;
      if (request.state() != null) {
        location += "&state=" + LocalAuthServer.encode(request.state());
      }
      return Optional.of(new Redirect(location, Optional.empty()));
    }
    return Optional.empty();
  }

  private static boolean tooLong(String value) {
    return value != null && value.length() > MAX_FIELD;
  }

  private String codeRedirect(
      AuthorizeRequest request, String sub, List<String> groups, long authTime) {
    String code = UUID.randomUUID().toString();
    codes.put(code, new Code(request, sub, groups, authTime, clock.instant().plus(CODE_LIFETIME)));
    String location = request.redirectUri() + "?code=" + code;
    if (request.state() != null) {
      location += "&state=" + LocalAuthServer.encode(request.state());
    }
    return location;
  }

  private Optional<HostedSession> liveSession(String id) {
    HostedSession s = sessions.get(id);
    if (s == null || !s.expires().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** {@code POST /oauth2/token}: the code grant or the refresh grant. */
  public TokenAnswer token(Map<String, String> form) {
    String clientId = form.getOrDefault("client_id", "");
    if (!clients.containsKey(clientId)) {
      return new TokenAnswer(
          400, Map.of("error", "invalid_client", "error_description", "unknown client"));
    }
    return switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code" -> codeGrant(form, clientId);
      case "refresh_token" -> refreshGrant(form, clientId);
      default -> TokenAnswer.error("unsupported_grant_type", "authorization_code or refresh_token");
    };
  }

  private TokenAnswer codeGrant(Map<String, String> form, String clientId) {
    String codeValue = form.getOrDefault("code", "");
    Code code = codes.remove(codeValue); // good once, whatever comes next
    if (code == null) {
      String issued = redeemedCodes.remove(codeValue);
      if (issued != null) {
        refreshTokens.remove(issued); // a replayed code: what it gave is withdrawn
      }
      return TokenAnswer.error("invalid_grant", "unknown, expired or already used code");
    }
    if (!code.expires().isAfter(clock.instant())) {
      return TokenAnswer.error("invalid_grant", "expired code");
    }
    if (!code.request().clientId().equals(clientId)) {
      return TokenAnswer.error("invalid_grant", "code issued to another client");
    }
    if (!code.request().redirectUri().equals(form.getOrDefault("redirect_uri", ""))) {
      return TokenAnswer.error("invalid_grant", "redirect_uri differs from the authorization's");
    }
    String verifier = form.getOrDefault("code_verifier", "");
    if (verifier.length() < 43
        || verifier.length() > 128
        || !s256(verifier).equals(code.request().codeChallenge())) {
      return TokenAnswer.error("invalid_grant", "code_verifier does not match");
    }
    String refresh = random(64);
    Grant grant =
        new Grant(
            clientId,
            code.sub(),
            code.groups(),
            code.authTime(),
            code.request().scope(),
            UUID.randomUUID().toString(),
            clock.instant().plus(lifetimes.refresh()));
    refreshTokens.put(refresh, grant);
    redeemedCodes.put(codeValue, refresh);
    Map<String, Object> json = tokens(grant, code.request().nonce());
    json.put("refresh_token", refresh);
    return new TokenAnswer(200, json);
  }

  private TokenAnswer refreshGrant(Map<String, String> form, String clientId) {
    Grant grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
    if (grant == null || !grant.expires().isAfter(clock.instant())) {
      return TokenAnswer.error("invalid_grant", "Invalid Refresh Token");
    }
    if (!grant.clientId().equals(clientId)) {
      return TokenAnswer.error("invalid_grant", "refresh token of another client");
    }
    return new TokenAnswer(200, tokens(grant, null));
  }

  /**
   * Issues tokens for a user directly, without a browser: the developer's {@code bin/token} and
   * tests that call the API. The same shapes and lifetimes as the code grant.
   */
  public Map<String, Object> issue(String sub, List<String> groups, String clientId) {
    Grant grant =
        new Grant(
            clientId,
            sub,
            groups,
            clock.instant().getEpochSecond(),
            "openid email profile",
            UUID.randomUUID().toString(),
            clock.instant().plus(lifetimes.refresh()));
    String refresh = random(64);
    refreshTokens.put(refresh, grant);
    Map<String, Object> json = tokens(grant, null);
    json.put("refresh_token", refresh);
    return json;
  }

  /** {@code POST /oauth2/revoke}: the refresh token is no longer good (RFC 7009). */
  public TokenAnswer revoke(Map<String, String> form) {
    String clientId = form.getOrDefault("client_id", "");
    if (!clients.containsKey(clientId)) {
      return new TokenAnswer(
          400, Map.of("error", "invalid_client", "error_description", "unknown client"));
    }
    String token = form.getOrDefault("token", "");
    Grant grant = refreshTokens.get(token);
    if (grant != null && !grant.clientId().equals(clientId)) {
      return TokenAnswer.error("unauthorized_client", "token of another client");
    }
    refreshTokens.remove(token);
    return new TokenAnswer(200, Map.of());
  }

  /** {@code GET /logout}: ends the hosted session and goes to a registered logout URL. */
  public Step logout(Map<String, String> params, Optional<String> sessionId) {
    Client client = clients.get(params.getOrDefault("client_id", ""));
    if (client == null) {
      return new ShowError(400, "This sign-out link names an app this server does not know.");
    }
    String logoutUri = params.getOrDefault("logout_uri", "");
    if (!client.logoutUrls().contains(logoutUri)) {
      return new ShowError(
          400,
          "This sign-out link would send you to an address the app has not registered"
              + " (logout_uri). You are signed out here; go back to the site yourself.");
    }
    sessionId.ifPresent(sessions::remove);
    return new Redirect(logoutUri, Optional.empty());
  }

  /** Whether a hosted session is live (tests check that sign-out ended it). */
  public boolean hasSession(String sessionId) {
    return liveSession(sessionId).isPresent();
  }

  /** Whether a refresh token would still be honoured. */
  public boolean refreshTokenValid(String refreshToken) {
    Grant grant = refreshTokens.get(refreshToken);
    return grant != null && grant.expires().isAfter(clock.instant());
  }

  private Map<String, Object> tokens(Grant grant, String nonce) {
    long now = clock.instant().getEpochSecond();
    String eventId = UUID.randomUUID().toString();
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("sub", grant.sub());
    if (!grant.groups().isEmpty()) {
      id.put("cognito:groups", grant.groups());
    }
    id.put("iss", jwt.issuer());
    id.put("cognito:username", grant.sub());
    if (nonce != null) {
      id.put("nonce", nonce);
    }
    id.put("origin_jti", grant.originJti());
    id.put("aud", grant.clientId());
    id.put("event_id", eventId);
    id.put("token_use", "id");
    id.put("auth_time", grant.authTime());
    id.put("exp", now + lifetimes.id().toSeconds());
    id.put("iat", now);
    id.put("jti", UUID.randomUUID().toString());

    Map<String, Object> access = new LinkedHashMap<>();
    access.put("sub", grant.sub());
    if (!grant.groups().isEmpty()) {
      access.put("cognito:groups", grant.groups());
    }
    access.put("iss", jwt.issuer());
    access.put("client_id", grant.clientId());
    access.put("origin_jti", grant.originJti());
    access.put("event_id", eventId);
    access.put("token_use", "access");
    access.put("scope", grant.scope());
    access.put("auth_time", grant.authTime());
    access.put("exp", now + lifetimes.access().toSeconds());
    access.put("iat", now);
    access.put("jti", UUID.randomUUID().toString());
    access.put("username", grant.sub());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id_token", jwt.sign(id));
    json.put("access_token", jwt.sign(access));
    json.put("expires_in", lifetimes.access().toSeconds());
    json.put("token_type", "Bearer");
    return json;
  }

  /** The PKCE S256 challenge of a verifier. */
  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
