package bloghome.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The browser fixture itself, against small pages served by the JDK's HTTP server. */
class BrowserIT {
  @RegisterExtension static final Browser browser = Browser.chromium();

  private static final Map<String, String> FILES =
      Map.of(
          "/form",
              page(
                  "Form",
                  """
          <h2>Say hello to the form</h2>
          <label>Name <input id="name"></label>
          <input type="file" id="file">
          <button id="go" type="button">Say hello</button>
          <p id="out"></p>
          <script src="/form.js"></script>"""),
          "/form.js",
              """
          document.getElementById('go').addEventListener('click', () => {
            const file = document.getElementById('file').files[0];
            document.getElementById('out').textContent =
                'Hello, ' + document.getElementById('name').value + ' (' + (file ? file.name + ', ' + file.size + ' bytes' : 'no file') + ')';
          });""",
          "/clean", page("Clean", "<p>Nothing happens here.</p>"),
          "/broken", page("Broken", "<p>This page fails.</p><script src=\"/broken.js\"></script>"),
          "/broken.js", "console.error('deliberate failure 7');",
          "/dialog",
              page(
                  "Dialog", "<p>This page opens a dialog.</p><script src=\"/dialog.js\"></script>"),
          "/dialog.js", "alert('deliberate dialog 9');",
          "/script-state",
              page(
                  "Script state",
                  "<p id=\"state\">JavaScript is off</p><script src=\"/script-state.js\"></script>"),
          "/script-state.js", "document.getElementById('state').textContent = 'JavaScript is on';");

  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/favicon.ico")) {
            // Browsers ask for it on every site; a 404 would be a console error of its own.
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
          }
          String body = FILES.get(path);
          byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set(
                  "content-type",
                  path.endsWith(".js")
                      ? "text/javascript; charset=utf-8"
                      : "text/html; charset=utf-8");
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void personLikeSession_typesUploadsAndClicks_thenReadsTheAnswer(@TempDir Path folder)
      throws IOException {
    Path file = Files.writeString(folder.resolve("头像 photo.txt"), "twelve bytes");

    browser
        .open(base + "/form")
        .type("#name", "李雷 O'Brien")
        .upload("#file", file)
        .clickText("Say hello")
        .waitForText("Hello, 李雷 O'Brien (头像 photo.txt, 12 bytes)");

    assertThat(browser.title()).isEqualTo("Form");
    assertThat(browser.findText("Say hello").getTagName()).isEqualTo("button");
    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.alert()).isEmpty();
  }

  @Test
  void consoleErrors_areSeen_andReadOnce() {
    browser.open(base + "/broken");

    assertThat(browser.consoleErrors())
        .anySatisfy(error -> assertThat(error).contains("deliberate failure 7"));
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void cleanPage_hasNoConsoleErrors_andNoDialog() {
    browser.open(base + "/clean").waitForText("Nothing happens here.");

    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.alert()).isEmpty();
  }

  @Test
  void dialog_isSeen_andClosed() {
    browser.open(base + "/dialog");

    assertThat(browser.waitForAlert()).isEqualTo("deliberate dialog 9");
    assertThat(browser.alert()).isEmpty();
    assertThat(browser.text()).contains("This page opens a dialog.");
  }

  @Test
  void scripts_run_whenJavaScriptIsOn() {
    browser.open(base + "/script-state").waitForText("JavaScript is on");
  }

  @Test
  void scripts_doNotRun_whenJavaScriptIsOff() {
    try (Browser noScript = Browser.withoutJavaScript()) {
      noScript.open(base + "/script-state");

      assertThat(noScript.javaScriptEnabled()).isFalse();
      assertThat(noScript.findText("JavaScript is").getText()).isEqualTo("JavaScript is off");
      noScript.open(base + "/dialog");
      assertThat(noScript.alert()).isEmpty();
    }
  }

  @Test
  void waitUntil_failsNamingWhatItWaitedFor() {
    browser.open(base + "/clean");

    assertThatThrownBy(
            () ->
                browser.waitUntil(
                    "a condition that never holds", Duration.ofMillis(300), Optional::empty))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a condition that never holds");
  }

  @Test
  void screenshot_writesAPngOfTheWindow(@TempDir Path folder) throws IOException {
    browser.open(base + "/form");

    Path png = browser.screenshot(folder.resolve("shots/form.png"));

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isBetween(700, 900);
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head><body>"
        + body
        + "</body></html>";
  }
}
