package bloghome.system;

import bloghome.system.browser.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Signing a browser in and out the way a person does: the site's {@code /sign-in}, the hosted UI's
 * form (the local stand-in for Cognito's), the callback, and back to the page.
 */
final class HostedSignIn {
  private final Browser browser;
  private final String site;
  private final URI hostedUi;

  HostedSignIn(Browser browser, String site, URI hostedUi) {
    this.browser = browser;
    this.site = site;
    this.hostedUi = hostedUi;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Opens {@code /sign-in?return=returnPath} and waits for the hosted UI's form. */
  HostedSignIn toForm(String returnPath) {
    browser.open(site + "/sign-in?return=" + encode(returnPath));
    browser.waitUntil(
        "the hosted sign-in form", () -> browser.url().startsWith(hostedUi.toString()));
    browser.find("#user");
    return this;
  }

  /** Fills in and sends the form, then waits until the browser is back at {@code expected}. */
  void submit(String user, boolean vip, String expected) {
    browser.type("#user", user);
    if (vip) {
      browser.click("#vip");
    }
    browser.clickText("Sign in");
    browser.waitUntil("the return to " + expected, () -> browser.url().equals(site + expected));
  }

  /** Signs in through the form (after forgetting any hosted session) and lands on the page. */
  void signIn(String user, boolean vip, String returnPath) {
    forget();
    toForm(returnPath).submit(user, vip, returnPath);
  }

  /** Forgets this browser's session on the site and at the hosted UI (no revocation). */
  void forget() {
    if (!browser.url().startsWith(site)) {
      browser.open(site + "/");
    }
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
    // cookies are per host, not per port: the site's origin holds the hosted UI's cookie too
    browser.driver().manage().deleteCookieNamed("bloghome-hosted-ui");
    browser.consoleErrors(); // the site's "/" is a 404 page: not what a test looks at
  }
}
