package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.LocalStack;
import bloghome.system.browser.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The local sign-in page in a real browser, on the running system: a person signs in and the API
 * takes the token.
 */
class SignInIT {
  @RegisterExtension static final Browser browser = Browser.chromium();

  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("signin", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aPersonSignsInAsVip_theCallbackStoresTheSession_andTheyLandWhereTheyStarted() {
    browser
        .open(system.apiUrl() + "/sign-in?return=%2Fu%2Fcarol%2Fskin%3Flang%3Den")
        .type("#user", "carol")
        .click("#vip")
        .clickText("Sign in")
        .waitForUrl("/u/carol/skin?lang=en");

    String stored =
        (String)
            ((JavascriptExecutor) browser.driver())
                .executeScript("return localStorage.getItem('bloghome.session')");
    @SuppressWarnings("unchecked")
    Map<String, Object> session = (Map<String, Object>) Json.parse(stored);
    assertThat(session)
        .containsEntry("sub", "carol")
        .containsEntry("groups", List.of("vip"))
        .containsKey("exp");
    String token = (String) session.get("token");
    assertThat(system.tokens().verify(token))
        .hasValueSatisfying(
            claims ->
                assertThat(claims)
                    .containsEntry("sub", "carol")
                    .containsEntry("cognito:groups", "[vip]"));
    Http.Reply saved =
        http.send("PUT", "/users/carol", token, Map.of("displayName", "Carol", "bio", ""));
    assertThat(saved.status()).isEqualTo(200);
    // the fragment with the token is gone from the address bar and the history entry
    assertThat(browser.url()).doesNotContain("id_token");
  }

  @Test
  void theFormLoadsWithoutConsoleErrors_soItsPolicyAllowsItsOwnStyle() {
    browser.open(system.apiUrl() + "/sign-in").findText("Sign in");

    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.find("button").getCssValue("background-color"))
        .isEqualTo("rgba(252, 85, 49, 1)");
  }

  @Test
  void aNameThatIsNoUserId_isRefusedInWords_andTheFormStays() {
    browser
        .open(system.apiUrl() + "/sign-in?return=%2Fu%2Fcarol")
        .type("#user", "carol smith")
        .clickText("Sign in")
        .waitForText("User name must be");

    assertThat(browser.url()).endsWith("/sign-in");
    assertThat(browser.find("#user").getDomProperty("value")).isEqualTo("carol smith");
    assertThat(browser.find("input[name=return]").getDomProperty("value")).isEqualTo("/u/carol");
  }
}
