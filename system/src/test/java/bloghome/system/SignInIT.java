package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.LocalAuthorization;
import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.local.junit.MutableClock;
import bloghome.system.browser.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Sign-in as it runs on AWS, in a real browser on the running system: the site's /sign-in, the
 * hosted UI (the local stand-in for Cognito's) with the code flow and PKCE, the callback, sessions
 * that outlive the id token, sign-out everywhere, and each abuse refused with a page saying what to
 * do. The sign-in side runs on a clock the tests move (the browser's own clock is real).
 */
class SignInIT {
  @RegisterExtension static final Browser browser = Browser.chromium();

  private static final MutableClock clock = new MutableClock(Instant.now());
  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static URI hostedUi;
  private static HostedSignIn hosted;
  private static final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("signin", port, 0, 0, List.of(base)), clock);
    http = new Http(system.apiUrl());
    hostedUi = system.hostedUi().url();
    hosted = new HostedSignIn(browser, base, hostedUi);
    for (String user : List.of("alice", "carol")) {
      String token = system.tokens().mint(user, List.of(), Duration.ofMinutes(30));
      assertThat(http.send("PUT", "/users/" + user, token, Map.of("displayName", user)).status())
          .isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static JavascriptExecutor js() {
    return (JavascriptExecutor) browser.driver();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> storedSession() {
    String stored = (String) js().executeScript("return localStorage.getItem('bloghome.session')");
    return stored == null ? null : (Map<String, Object>) Json.parse(stored);
  }

  /** Calls the API through the page's own session.js api(), and gives the status. */
  private static long apiCall(String method, String path, String jsonBody) {
    Object status =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const url = performance.getEntriesByType('resource').map(e => e.name)"
                    + "  .find(n => /\\/session\\.[^/]*js$/.test(n));"
                    + "import(url).then(m => m.api(arguments[0], arguments[1], JSON.parse(arguments[2])))"
                    + "  .then(r => done(r.status), e => done(String(e)));",
                method,
                path,
                jsonBody);
    assertThat(status).isInstanceOf(Number.class);
    return ((Number) status).longValue();
  }

  @Test
  void aVipSignsInThroughTheHostedUi_landsWhereTheyStarted_andSeesTheSkinEditor() {
    hosted.forget();
    browser.open(base + "/u/alice/skin?lang=en");
    String href = browser.find("#session .sign-in").getAttribute("href");
    String from =
        URLDecoder.decode(href.substring(href.indexOf("return=") + 7), StandardCharsets.UTF_8);
    assertThat(from).startsWith("/u/alice/skin");
    browser.find("#session .sign-in").click();
    browser.waitUntil("the hosted form", () -> browser.url().startsWith(hostedUi.toString()));
    hosted.submit("alice", true, from);

    browser.find("#editor");
    assertThat(browser.find("#editor").isDisplayed()).isTrue();
    Map<String, Object> session = storedSession();
    assertThat(session)
        .containsEntry("sub", "alice")
        .containsEntry("groups", List.of("vip"))
        .containsKeys("token", "idToken", "refreshToken", "expiresAt");
    assertThat(system.tokens().verify((String) session.get("token")))
        .hasValueSatisfying(
            c -> assertThat(c).containsEntry("token_use", "access").containsEntry("sub", "alice"));
    // no code left in the address bar; no token in a cookie the API could be tricked into using
    assertThat(browser.url()).doesNotContain("code=");
    assertThat((String) js().executeScript("return document.cookie")).doesNotContain("ey");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void pastTheIdTokensLife_anApiCallStillSucceeds_afterASilentRefresh() {
    hosted.signIn("carol", false, "/u/carol/skin");
    String before = (String) storedSession().get("token");
    clock.advance(Duration.ofMinutes(61));
    assertThat(system.tokens().verify(before)).isEmpty(); // the gateway would refuse it now

    long status = apiCall("PUT", "/users/carol", "{\"displayName\":\"Carol\"}");

    assertThat(status).isEqualTo(200);
    String after = (String) storedSession().get("token");
    assertThat(after).isNotEqualTo(before);
    assertThat(system.tokens().verify(after)).isPresent();
    assertThat(browser.url()).isEqualTo(base + "/u/carol/skin");
  }

  @Test
  void aTamperedAccessToken_isRefusedByTheApi_andReplacedSilently() {
    hosted.signIn("carol", false, "/u/carol");
    js().executeScript(
            "const s = JSON.parse(localStorage.getItem('bloghome.session'));"
                + "const p = s.token.split('.'); p[1] = p[1].slice(0, -2) + 'AA';"
                + "s.token = p.join('.'); localStorage.setItem('bloghome.session', JSON.stringify(s));");
    String tampered = (String) storedSession().get("token");
    assertThat(system.tokens().verify(tampered)).isEmpty();

    assertThat(apiCall("PUT", "/users/carol", "{\"displayName\":\"Carol\"}")).isEqualTo(200);
    assertThat(system.tokens().verify((String) storedSession().get("token"))).isPresent();
  }

  @Test
  void aRevokedRefreshToken_sendsTheReaderToSignInAndBack_afterThePageSavedItsText() {
    hosted.signIn("carol", false, "/u/carol/skin");
    String refresh = (String) storedSession().get("refreshToken");
    system.hostedUi().rules().revoke(Map.of("token", refresh, "client_id", LocalStack.AUDIENCE));
    clock.advance(Duration.ofMinutes(61)); // the access token and the hosted session are over
    // A page's unsaved text, kept by its beforeSignInRedirect hook (here: the window event).
    js().executeScript(
            "const t = document.createElement('textarea'); t.id = 'draft'; t.value = '半篇草稿';"
                + "document.body.append(t);"
                + "window.addEventListener('bloghome:before-sign-in', () =>"
                + "  localStorage.setItem('draft', document.getElementById('draft').value));"
                + "const url = performance.getEntriesByType('resource').map(e => e.name)"
                + "  .find(n => /\\/session\\.[^/]*js$/.test(n));"
                + "import(url).then(m => m.api('PUT', '/users/carol', {displayName: 'C'}));");

    browser.waitUntil("the hosted form", () -> browser.url().startsWith(hostedUi.toString()));
    hosted.submit("carol", false, "/u/carol/skin");

    assertThat(js().executeScript("return localStorage.getItem('draft')")).isEqualTo("半篇草稿");
    assertThat(storedSession()).containsEntry("sub", "carol");
    assertThat(apiCall("PUT", "/users/carol", "{\"displayName\":\"Carol\"}")).isEqualTo(200);
  }

  @Test
  void signOut_revokesTheRefreshToken_endsTheHostedSession_andForgetsTheSession() {
    hosted.signIn("carol", false, "/u/carol");
    String refresh = (String) storedSession().get("refreshToken");
    assertThat(system.hostedUi().rules().refreshTokenValid(refresh)).isTrue();

    browser.find("#session .sign-out").click();
    browser.waitUntil("the site's home", () -> browser.url().equals(base + "/"));

    assertThat(storedSession()).isNull();
    assertThat(system.hostedUi().rules().refreshTokenValid(refresh)).isFalse();
    // signing in again asks who you are: the hosted session is over
    hosted.toForm("/u/carol");
    assertThat(browser.find("#user").getDomProperty("value")).isEmpty();
  }

  // ------------------------------------------------------------------ abuse

  /** The hosted form's hidden fields: this tab's pending sign-in (state, challenge, nonce). */
  private static Map<String, String> pendingRequest() {
    @SuppressWarnings("unchecked")
    Map<String, String> fields =
        (Map<String, String>)
            js().executeScript(
                    "return Object.fromEntries([...document.querySelectorAll('input[type=hidden]')]"
                        + ".map(i => [i.name, i.value]))");
    return fields;
  }

  /** A code from the hosted UI for these parameters, got outside the browser. */
  private static String codeFor(Map<String, String> params, String user) {
    StringBuilder form = new StringBuilder("user=" + user);
    params.forEach((k, v) -> form.append('&').append(k).append('=').append(HostedSignIn.encode(v)));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(hostedUi.resolve("/login"))
                  .header("content-type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String location = r.headers().firstValue("location").orElseThrow();
      return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(String callbackQuery, String says) {
    browser.open(base + "/auth/callback" + callbackQuery);
    browser.waitForText(says);
    assertThat(browser.find("#sign-in-again").getAttribute("href")).contains("/sign-in?return=");
    assertThat(storedSession()).isNull();
    assertThat(browser.url()).isEqualTo(base + "/auth/callback"); // the code left the address bar
  }

  @Test
  void aWrongOrMissingState_isRefused() {
    hosted.forget();
    hosted.toForm("/u/carol?lang=en");
    Map<String, String> p = pendingRequest();
    String code = codeFor(p, "mallory");
    assertRefused("?code=" + code + "&state=forged&lang=en", "does not belong to the sign-in");

    hosted.toForm("/u/carol?lang=en");
    p = pendingRequest();
    assertRefused("?code=" + codeFor(p, "mallory") + "&lang=en", "does not belong to the sign-in");
  }

  @Test
  void aForeignCode_aWrongVerifier_andAReplayedCode_areRefused() {
    system
        .hostedUi()
        .rules()
        .register(
            new LocalAuthorization.Client(
                "other-app", List.of(base + "/auth/callback"), List.of(base + "/")));
    hosted.forget();

    // a code issued to another app, for this very tab's state and challenge
    hosted.toForm("/u/carol?lang=en");
    Map<String, String> p = pendingRequest();
    Map<String, String> foreign = new HashMap<>(p);
    foreign.put("client_id", "other-app");
    assertRefused(
        "?code=" + codeFor(foreign, "mallory") + "&state=" + p.get("state") + "&lang=en",
        "The sign-in code was refused");

    // a code whose challenge is not this tab's verifier's
    hosted.toForm("/u/carol?lang=en");
    p = pendingRequest();
    Map<String, String> otherChallenge = new HashMap<>(p);
    otherChallenge.put("code_challenge", "A".repeat(43));
    assertRefused(
        "?code=" + codeFor(otherChallenge, "mallory") + "&state=" + p.get("state") + "&lang=en",
        "The sign-in code was refused");

    // a code used once already (by this tab's own sign-in)
    hosted.toForm("/u/carol?lang=en");
    p = pendingRequest();
    String code = codeFor(p, "carol");
    browser.open(base + "/auth/callback?code=" + code + "&state=" + p.get("state"));
    browser.waitUntil("the return", () -> browser.url().equals(base + "/u/carol?lang=en"));
    hosted.forget();
    hosted.toForm("/u/carol?lang=en");
    p = pendingRequest();
    assertRefused(
        "?code=" + code + "&state=" + p.get("state") + "&lang=en", "The sign-in code was refused");
  }

  @Test
  void aCallbackNotStartedInThisTab_isRefused() {
    hosted.forget();
    assertRefused("?code=abc&state=xyz&lang=en", "was not started in this browser tab");
  }

  @Test
  void anOffSiteReturn_landsOnTheSitesHome() {
    hosted.forget();
    browser.open(base + "/sign-in?return=" + HostedSignIn.encode("https://evil.example/x"));
    browser.waitUntil("the hosted form", () -> browser.url().startsWith(hostedUi.toString()));
    hosted.submit("carol", false, "/");
  }

  @Test
  void aTokenForAnotherClient_isRefusedByTheApi() {
    String foreign =
        (String)
            system.hostedUi().rules().issue("carol", List.of(), "other-client").get("access_token");
    assertThat(http.send("PUT", "/users/carol", foreign, Map.of("displayName", "X")).status())
        .isEqualTo(401);
  }

  @Test
  void binToken_getsTheLocalHostedUisTokens_whichTheApiTakes() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(Path.of("..", "bin", "token").toString(), "dev-user", "--vip")
            .redirectErrorStream(true);
    builder.environment().put("BLOGHOME_API_PORT", String.valueOf(system.apiUrl().getPort()));
    Process process = builder.start();
    String token = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor()).as(token).isZero();

    assertThat(system.tokens().verify(token))
        .hasValueSatisfying(
            c ->
                assertThat(c)
                    .containsEntry("sub", "dev-user")
                    .containsEntry("token_use", "id")
                    .containsEntry("aud", LocalStack.AUDIENCE)
                    .containsEntry("cognito:groups", "[vip]"));
    Http.Reply whole = http.send("GET", "/_local/token?sub=dev-user", null, null);
    assertThat(whole.json()).containsKeys("id_token", "access_token", "refresh_token", "token");
    assertThat(
            system.hostedUi().rules().refreshTokenValid((String) whole.json().get("refresh_token")))
        .isTrue();
  }

  @Test
  void theHostedForm_refusesABadUserNameInWords_andItsPolicyAllowsItsOwnStyle() {
    hosted.forget();
    hosted.toForm("/u/carol");
    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.find("button").getCssValue("background-color"))
        .isEqualTo("rgba(252, 85, 49, 1)");
    browser.type("#user", "carol smith").clickText("Sign in").waitForText("User name must be");
    assertThat(browser.find("#user").getDomProperty("value")).isEqualTo("carol smith");
    assertThat(browser.find("input[name=state]").getDomProperty("value")).isNotEmpty();
  }
}
