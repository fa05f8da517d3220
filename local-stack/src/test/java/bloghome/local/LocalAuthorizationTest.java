package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalAuthorization.Redirect;
import bloghome.local.LocalAuthorization.ShowError;
import bloghome.local.LocalAuthorization.ShowForm;
import bloghome.local.LocalAuthorization.Step;
import bloghome.local.LocalAuthorization.TokenAnswer;
import bloghome.local.junit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local hosted UI's rules, without HTTP: codes, PKCE, refresh, revoke, logout, claims. */
class LocalAuthorizationTest {
  static final String CLIENT = "web";
  static final String CALLBACK = "http://site/auth/callback";
  static final String VERIFIER = "v".repeat(20) + "-verifier-of-pkce-0123456789";

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  final LocalJwt jwt = new LocalJwt("http://site/_local/issuer", CLIENT, clock);
  final LocalAuthorization auth =
      new LocalAuthorization(
          jwt,
          clock,
          LocalAuthorization.Lifetimes.cognitoDefaults(),
          id -> id.matches("[A-Za-z0-9._@+-]{1,128}"));

  LocalAuthorizationTest() {
    auth.register(
        new LocalAuthorization.Client(CLIENT, List.of(CALLBACK), List.of("http://site/")));
    auth.register(
        new LocalAuthorization.Client("other", List.of(CALLBACK), List.of("http://site/")));
  }

  static Map<String, String> request(String client, String verifier) {
    Map<String, String> p = new HashMap<>();
    p.put("client_id", client);
    p.put("redirect_uri", CALLBACK);
    p.put("response_type", "code");
    p.put("scope", "openid email profile");
    p.put("state", "st");
    p.put("nonce", "n1");
    p.put("code_challenge", LocalAuthorization.s256(verifier));
    p.put("code_challenge_method", "S256");
    return p;
  }

  Redirect signIn(Map<String, String> request, String user, boolean vip) {
    Map<String, String> form = new HashMap<>(request);
    form.put("user", user);
    if (vip) {
      form.put("vip", "1");
    }
    return (Redirect) auth.signIn(form);
  }

  static String code(Redirect r) {
    String l = r.location();
    return l.substring(l.indexOf("code=") + 5, l.indexOf("&state="));
  }

  TokenAnswer exchange(String code, String client, String verifier) {
    return auth.token(
        Map.of(
            "grant_type", "authorization_code",
            "client_id", client,
            "code", code,
            "redirect_uri", CALLBACK,
            "code_verifier", verifier));
  }

  @Test
  void codeFlow_givesCognitoShapedTokens_thatTheGatewayAccepts() {
    Redirect r = signIn(request(CLIENT, VERIFIER), "alice", true);
    assertThat(r.location()).startsWith(CALLBACK + "?code=").endsWith("&state=st");
    assertThat(r.newSession()).isPresent();

    TokenAnswer answer = exchange(code(r), CLIENT, VERIFIER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("expires_in", 3600L).containsKey("refresh_token");
    Map<String, String> id = jwt.verify((String) answer.json().get("id_token")).orElseThrow();
    assertThat(id)
        .containsEntry("sub", "alice")
        .containsEntry("aud", CLIENT)
        .containsEntry("token_use", "id")
        .containsEntry("cognito:groups", "[vip]")
        .containsEntry("nonce", "n1")
        .containsEntry("iss", "http://site/_local/issuer")
        .containsEntry("auth_time", String.valueOf(clock.instant().getEpochSecond()))
        .containsEntry("exp", String.valueOf(clock.instant().getEpochSecond() + 3600));
    Map<String, String> access =
        jwt.verify((String) answer.json().get("access_token")).orElseThrow();
    assertThat(access)
        .containsEntry("client_id", CLIENT)
        .containsEntry("token_use", "access")
        .doesNotContainKey("aud")
        .containsEntry("cognito:groups", "[vip]");
  }

  @Test
  void aCode_isGoodOnce_andItsReplayWithdrawsTheRefreshTokenItGave() {
    String code = code(signIn(request(CLIENT, VERIFIER), "alice", false));
    TokenAnswer first = exchange(code, CLIENT, VERIFIER);
    String refresh = (String) first.json().get("refresh_token");

    TokenAnswer again = exchange(code, CLIENT, VERIFIER);

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json()).containsEntry("error", "invalid_grant");
    assertThat(auth.refreshTokenValid(refresh)).isFalse();
  }

  @Test
  void aCode_isBoundToItsClient_redirectUri_andVerifier_andDiesAfterFiveMinutes() {
    String foreign = code(signIn(request("other", VERIFIER), "mallory", false));
    assertThat(exchange(foreign, CLIENT, VERIFIER).json()).containsEntry("error", "invalid_grant");

    String wrongVerifier = code(signIn(request(CLIENT, VERIFIER), "alice", false));
    assertThat(exchange(wrongVerifier, CLIENT, VERIFIER + "x").json())
        .containsEntry("error", "invalid_grant");
    // the failed attempt used it up
    assertThat(exchange(wrongVerifier, CLIENT, VERIFIER).status()).isEqualTo(400);

    String otherRedirect = code(signIn(request(CLIENT, VERIFIER), "alice", false));
    assertThat(
            auth.token(
                    Map.of(
                        "grant_type", "authorization_code",
                        "client_id", CLIENT,
                        "code", otherRedirect,
                        "redirect_uri", "http://site/elsewhere",
                        "code_verifier", VERIFIER))
                .status())
        .isEqualTo(400);

    String late = code(signIn(request(CLIENT, VERIFIER), "alice", false));
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(exchange(late, CLIENT, VERIFIER).status()).isEqualTo(400);
  }

  @Test
  void anUnknownClientOrRedirectUri_getsAPage_neverARedirect() {
    Map<String, String> unknown = request("nobody", VERIFIER);
    Map<String, String> elsewhere = request(CLIENT, VERIFIER);
    elsewhere.put("redirect_uri", "https://evil.example/cb");

    assertThat(auth.authorize(unknown, Optional.empty())).isInstanceOf(ShowError.class);
    assertThat(auth.authorize(elsewhere, Optional.empty())).isInstanceOf(ShowError.class);
  }

  @Test
  void withoutS256Pkce_theClientGetsAnErrorAtItsRedirectUri() {
    Map<String, String> plain = request(CLIENT, VERIFIER);
    plain.put("code_challenge_method", "plain");
    Map<String, String> none = request(CLIENT, VERIFIER);
    none.remove("code_challenge");

    for (Map<String, String> p : List.of(plain, none)) {
      Step step = auth.authorize(p, Optional.empty());
      assertThat(step).isInstanceOf(Redirect.class);
      assertThat(((Redirect) step).location())
          .isEqualTo(CALLBACK + "?error=invalid_request&state=st");
    }
  }

  @Test
  void aHostedSession_signsInAgainWithoutTheForm_untilLogoutOrItsHour() {
    Redirect first = signIn(request(CLIENT, VERIFIER), "alice", true);
    String session = first.newSession().orElseThrow();

    Step again = auth.authorize(request(CLIENT, VERIFIER), Optional.of(session));
    assertThat(again).isInstanceOf(Redirect.class);
    TokenAnswer answer = exchange(code((Redirect) again), CLIENT, VERIFIER);
    assertThat(jwt.verify((String) answer.json().get("id_token")).orElseThrow())
        .containsEntry("sub", "alice")
        .containsEntry("cognito:groups", "[vip]");

    Step out =
        auth.logout(
            Map.of("client_id", CLIENT, "logout_uri", "http://site/"), Optional.of(session));
    assertThat(((Redirect) out).location()).isEqualTo("http://site/");
    assertThat(auth.authorize(request(CLIENT, VERIFIER), Optional.of(session)))
        .isInstanceOf(ShowForm.class);

    String other = signIn(request(CLIENT, VERIFIER), "bob", false).newSession().orElseThrow();
    clock.advance(Duration.ofHours(1));
    assertThat(auth.hasSession(other)).isFalse();
  }

  @Test
  void logout_toAnUnregisteredUri_isRefusedWithAPage() {
    assertThat(
            auth.logout(
                Map.of("client_id", CLIENT, "logout_uri", "https://evil.example/"),
                Optional.empty()))
        .isInstanceOf(ShowError.class);
  }

  @Test
  void refresh_givesNewTokensPastTheIdTokensLife_untilRevokedOrThirtyDays() {
    String refresh =
        (String)
            exchange(code(signIn(request(CLIENT, VERIFIER), "alice", false)), CLIENT, VERIFIER)
                .json()
                .get("refresh_token");
    clock.advance(Duration.ofMinutes(61));

    TokenAnswer renewed =
        auth.token(
            Map.of("grant_type", "refresh_token", "client_id", CLIENT, "refresh_token", refresh));
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.json()).doesNotContainKey("refresh_token");
    assertThat(jwt.verify((String) renewed.json().get("access_token"))).isPresent();

    assertThat(
            auth.token(
                    Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        "other",
                        "refresh_token",
                        refresh))
                .status())
        .isEqualTo(400);
    assertThat(auth.revoke(Map.of("token", refresh, "client_id", "other")).status()).isEqualTo(400);

    assertThat(auth.revoke(Map.of("token", refresh, "client_id", CLIENT)).status()).isEqualTo(200);
    assertThat(
            auth.token(
                    Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        CLIENT,
                        "refresh_token",
                        refresh))
                .json())
        .containsEntry("error", "invalid_grant");

    String month = (String) auth.issue("bob", List.of(), CLIENT).get("refresh_token");
    clock.advance(Duration.ofDays(30));
    assertThat(auth.refreshTokenValid(month)).isFalse();
  }

  @Test
  void aBadUserName_showsTheFormAgain() {
    Map<String, String> form = new HashMap<>(request(CLIENT, VERIFIER));
    form.put("user", "carol smith");

    Step step = auth.signIn(form);

    assertThat(step).isInstanceOf(ShowForm.class);
    assertThat(((ShowForm) step).error()).startsWith("User name must be");
    assertThat(((ShowForm) step).user()).isEqualTo("carol smith");
  }

  @Test
  void tokens_forAnotherClient_orTampered_orExpired_areRefusedByTheAuthorizer() {
    String foreign =
        (String) auth.issue("alice", List.of(), "other").get("access_token"); // client_id other
    assertThat(jwt.verify(foreign)).isEmpty();

    String token = (String) auth.issue("alice", List.of(), CLIENT).get("access_token");
    String[] parts = token.split("\\.");
    String tampered =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    assertThat(jwt.verify(tampered)).isEmpty();

    clock.advance(Duration.ofMinutes(60));
    assertThat(jwt.verify(token)).isEmpty();
  }
}
