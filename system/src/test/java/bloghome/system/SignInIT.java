package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.system.browser.Browser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local sign-in page in a real browser, on the running system: a person signs in and the API takes the token. */
class SignInIT {
  @RegisterExtension
  static final Browser browser = Browser.chromium();

  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void start() {
    system = RunningSystem.start(new LocalStack.Config("signin", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aPersonSignsInAsVip_andLandsOnTheCallbackWithATokenTheApiAccepts() {
    browser.open(system.apiUrl() + "/sign-in?return=%2Fu%2Fcarol%3Fsort%3Dviews")
        .type("#user", "carol")
        .click("#vip")
        .clickText("Sign in")
        .waitForUrl("/auth/callback#id_token=");

    String fragment = browser.url().substring(browser.url().indexOf('#') + 1);
    Map<String, String> values = new HashMap<>();
    for (String pair : fragment.split("&")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    assertThat(values).containsEntry("return", "/u/carol?sort=views");
    assertThat(system.tokens().verify(values.get("id_token"))).hasValueSatisfying(claims -> assertThat(claims)
        .containsEntry("sub", "carol").containsEntry("cognito:groups", "[vip]"));
    Http.Reply saved = http.send("PUT", "/users/carol", values.get("id_token"), Map.of("displayName", "Carol", "bio", ""));
    assertThat(saved.status()).isEqualTo(200);
  }

  @Test
  void theFormLoadsWithoutConsoleErrors_soItsPolicyAllowsItsOwnStyle() {
    browser.open(system.apiUrl() + "/sign-in").findText("Sign in");

    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.find("button").getCssValue("background-color")).isEqualTo("rgba(252, 85, 49, 1)");
  }

  @Test
  void aNameThatIsNoUserId_isRefusedInWords_andTheFormStays() {
    browser.open(system.apiUrl() + "/sign-in?return=%2Fu%2Fcarol")
        .type("#user", "carol smith")
        .clickText("Sign in")
        .waitForText("User name must be");

    assertThat(browser.url()).endsWith("/sign-in");
    assertThat(browser.find("#user").getDomProperty("value")).isEqualTo("carol smith");
    assertThat(browser.find("input[name=return]").getDomProperty("value")).isEqualTo("/u/carol");
  }
}
