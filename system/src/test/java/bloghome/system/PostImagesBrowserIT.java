package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import bloghome.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Images in posts, in headless Chromium against the whole local system: an image chosen with the
 * editor's button goes through the presigned PUT and the validator into the text, and the post page
 * shows it with srcset, width, height and lazy loading; an image the validator refuses, dropped
 * into the text, leaves no trace in it and its reason on the page.
 */
class PostImagesBrowserIT {
  @RegisterExtension static final Browser browser = Browser.chromium();

  /**
   * The validator's first run starts a JVM and loads ImageIO (13 s on a loaded 2-core machine); the
   * editor polls until the verdict.
   */
  private static final Duration VERDICT = Duration.ofSeconds(120);

  private static RunningSystem system;
  private static String base;
  private static HostedSignIn hosted;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("images", port, 0, 0, List.of(base)));
    Http http = new Http(system.apiUrl());
    for (String user : List.of("pia", "quinn", "rue")) {
      String token = system.tokens().mint(user, List.of(), Duration.ofMinutes(30));
      assertThat(
              http.send("PUT", "/users/" + user, token, Map.of("displayName", "博主 " + user))
                  .status())
          .isEqualTo(200);
    }
    hosted = new HostedSignIn(browser, base, system.hostedUi().url());
    browser.open(base + "/write?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aChosenImage_isInsertedAfterValidation_andThePostPageServesItWithSrcsetAndSize()
      throws IOException {
    hosted.signIn("pia", false, "/write");
    browser.find("#writer");
    assertThat(browser.find("#image-rule").getText()).contains("10 MB").contains("30 张");
    browser.find("#title").sendKeys("有图的文章");
    browser.find("#content").sendKeys("开头。\n\n");
    Path file = Files.createTempFile("cat", ".jpg");
    Files.write(file, TestImages.jpeg(TestImages.gradient(2000, 1500)));

    browser.upload("#image-file", file);

    String content =
        browser.waitUntil(
            "the image's Markdown in the text",
            VERDICT,
            () -> {
              String value = browser.find("#content").getDomProperty("value");
              return value.contains("/1600x1200/1600.jpg)") ? Optional.of(value) : Optional.empty();
            });
    assertThat(content).contains("![cat").contains("/_local/media/media/pia/im_");
    assertThat(content).doesNotContain("图片上传中");
    browser.waitUntil(
        "the preview's image", () -> !browser.findAll("#preview img[srcset]").isEmpty());
    browser.find("#publish").click();
    browser.waitForText("文章已发布。");
    browser.waitForUrl("/edit");
    String url = browser.url();
    String postId = url.substring(url.indexOf("/p/") + 3, url.indexOf("/edit"));

    browser.open(base + "/p/" + postId);
    WebElement img = browser.find(".content img");
    assertThat(img.getDomAttribute("width")).isEqualTo("1600");
    assertThat(img.getDomAttribute("height")).isEqualTo("1200");
    assertThat(img.getDomAttribute("loading")).isEqualTo("lazy");
    assertThat(img.getDomAttribute("decoding")).isEqualTo("async");
    assertThat(img.getDomAttribute("srcset"))
        .contains("/480.jpg 480w")
        .contains("/960.jpg 960w")
        .contains("/1600.jpg 1600w");
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", img);
    browser.waitUntil(
        "the image loaded",
        () ->
            ((Number)
                        ((JavascriptExecutor) browser.driver())
                            .executeScript("return arguments[0].naturalWidth", img))
                    .intValue()
                > 0);
    assertThat(browser.consoleErrors()).isEmpty();
    browser.screenshot(PagesBrowserIT.SHOTS.resolve("studio-post-image.png"));
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }

  @Test
  void aDroppedImageWithDataAfterItsEnd_isRefused_andTheEditorSaysWhy() {
    hosted.signIn("quinn", false, "/write");
    browser.find("#writer");
    browser.find("#content").sendKeys("正文");
    byte[] png = TestImages.concat(TestImages.png(300, 200), "hidden zip".getBytes());

    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                + " const dt = new DataTransfer();"
                + " dt.items.add(new File([bytes], 'bad.png', {type: 'image/png'}));"
                + " const area = document.getElementById('content');"
                + " area.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true,"
                + " cancelable: true}));",
            Base64.getEncoder().encodeToString(png));

    String said =
        browser.waitUntil(
            "the editor's sentence",
            VERDICT,
            () -> {
              String text = browser.find("#image-status").getText();
              return text.contains("没有插入") ? Optional.of(text) : Optional.empty();
            });
    assertThat(said).isEqualTo("图片 bad.png 没有插入：图片结尾处夹带了多余的数据，请重新导出后再上传。");
    assertThat(browser.find("#content").getDomProperty("value")).isEqualTo("正文");
    browser.screenshot(PagesBrowserIT.SHOTS.resolve("studio-image-rejected.png"));
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }

  @Test
  void anAvatarChosenOnTheProfilePage_isSaved_andTheHomePageCardShowsIt() throws IOException {
    hosted.signIn("rue", false, "/studio/profile");
    browser.waitUntil(
        "the profile form",
        () -> browser.find("#display-name").getDomProperty("value").length() > 0);
    Path file = Files.createTempFile("face", ".png");
    Files.write(file, TestImages.png(300, 200));

    browser.upload("#avatar-file", file);

    browser.waitUntil(
        "the avatar's preview",
        VERDICT,
        () -> browser.find("#avatar-preview").isDisplayed() ? Optional.of(true) : Optional.empty());
    assertThat(browser.find("#avatar-preview").getDomAttribute("src"))
        .contains("/_local/media/media/rue/im_")
        .endsWith("/200x200/200.png");
    browser.find("#profile-form button[type=submit]").click();
    browser.waitForText("资料已保存。");

    browser.open(base + "/u/rue");
    WebElement img = browser.find(".profile img.avatar");
    assertThat(img.getDomAttribute("alt")).isEqualTo("博主 rue");
    assertThat(img.getDomAttribute("width")).isEqualTo("64");
    assertThat(img.getDomAttribute("src")).endsWith("/200x200/200.png");
    browser.waitUntil(
        "the avatar loaded",
        () ->
            ((Number)
                        ((JavascriptExecutor) browser.driver())
                            .executeScript("return arguments[0].naturalWidth", img))
                    .intValue()
                > 0);
    assertThat(browser.consoleErrors()).isEmpty();
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }
}
