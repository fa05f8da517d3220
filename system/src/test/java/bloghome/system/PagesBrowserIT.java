package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reader's and an owner's sessions in headless Chromium against the whole local system: the
 * pages, their scripts, the API and the bucket, on the origins the template lays out.
 */
class PagesBrowserIT {
  /**
   * A desktop browser's user agent: the stats function rightly counts no views from
   * "HeadlessChrome".
   */
  private static final String DESKTOP_UA =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

  static final Path SHOTS = Path.of("target", "screenshots");

  @RegisterExtension static final Browser browser = Browser.chromium();
  @RegisterExtension static final Browser noScript = Browser.withoutJavaScript();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static HostedSignIn hosted;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    // The page origin may PUT to the bucket (its CORS), as AllowedOrigins holds SiteUrl in AWS.
    system = RunningSystem.start(new LocalStack.Config("browser", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    hosted = new HostedSignIn(browser, base, system.hostedUi().url());
    String alice = system.tokens().mint("alice", List.of("vip"), Duration.ofMinutes(30));
    BlogSeed.importBlog(http, alice, "alice", "Alice 陈");
    for (String user : List.of("bob", "carol")) {
      String token = system.tokens().mint(user, List.of(), Duration.ofMinutes(30));
      assertThat(
              http.send("PUT", "/users/" + user, token, Map.of("displayName", user.toUpperCase()))
                  .status())
          .isEqualTo(200);
    }
    ((ChromeDriver) browser.driver())
        .executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", DESKTOP_UA));
    // The headless browser asks for English; the switch's cookie makes these sessions read Chinese.
    browser.open(base + "/u/alice?lang=zh-CN");
    noScript.open(base + "/u/alice?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void homePage_lists40NewestFirst_nextPageTheOther5_sortByViews_andTypeFilter() {
    browser.open(base + "/u/alice");
    assertThat(browser.findAll(".post-row")).hasSize(40);
    assertThat(browser.find(".post-row h2 a").getText()).isEqualTo(BlogSeed.title(44));
    assertThat(browser.text())
        .contains("2023-01-08 15:02:10")
        .contains("阅读 " + BlogSeed.views(44))
        .contains("博客(45)")
        .contains("北京时间 (UTC+8)");
    browser.screenshot(SHOTS.resolve("home-before-skin.png"));

    browser.clickText("下一页").waitForText("第 2 页");
    assertThat(browser.findAll(".post-row")).hasSize(5);
    browser.clickText("上一页").waitForText("第 1 页");
    assertThat(browser.findAll(".post-row")).hasSize(40);

    browser
        .clickText("按访问量")
        .waitUntil("the views order", () -> browser.url().contains("sort=views"));
    long top =
        browser.findAll(".post-row .views").stream()
            .mapToLong(e -> Long.parseLong(e.getText().replace("阅读 ", "")))
            .max()
            .orElseThrow();
    assertThat(browser.find(".post-row .views").getText()).isEqualTo("阅读 " + top);
    browser
        .clickText("转载")
        .waitUntil("the repost filter", () -> browser.url().contains("type=repost"));
    assertThat(browser.findAll(".post-row")).hasSize(9);
    assertThat(browser.findAll(".post-row .mark")).allMatch(e -> e.getText().equals("转载"));
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void openingAPost_countsOneView_andAReloadNone() {
    String postId = postIdOf(12);
    long before = views(postId);
    browser.open(base + "/p/" + postId);
    // The first view of the class may wait for three cold starts on the local Lambda runtime (the
    // page, the stats function with its priming, the aggregator): more than the usual wait.
    browser.waitUntil(
        "the view to be counted",
        Duration.ofSeconds(60),
        () -> views(postId) == before + 1 ? Optional.of(true) : Optional.empty());
    browser.open(base + "/p/" + postId);
    browser.find(".content");
    sleep(2000);
    assertThat(views(postId)).isEqualTo(before + 1);
  }

  @Test
  void aSignedInReader_likesAndComments_andTheCommentIsInThePageHtml() {
    String postId = postIdOf(20);
    signIn("bob", List.of(), "/p/" + postId);
    assertThat(browser.find("#session .who").getText()).isEqualTo("bob");
    browser
        .click("#like")
        .waitUntil("the like to show", () -> browser.find("#like").getText().startsWith("已点赞"));
    assertThat(browser.find("#like .n").getText()).isEqualTo("21");
    browser.type("#comment-form textarea", "写得真好 <b>不是粗体</b>");
    browser.click("#comment-form button").waitForText("评论已发表");
    browser.screenshot(SHOTS.resolve("post-page.png"));

    // readable without JavaScript, from the server's HTML
    noScript.open(base + "/p/" + postId);
    assertThat(noScript.text()).contains("写得真好 <b>不是粗体</b>").contains("评论 (1)");
    signOut();
  }

  @Test
  void aReply_survivesItsDeletedParent_asAPlaceholder() {
    String postId = postIdOf(30);
    signIn("bob", List.of(), "/p/" + postId);
    browser.type("#comment-form textarea", "第一条评论");
    browser.click("#comment-form button").waitForText("评论已发表");
    signIn("carol", List.of(), "/p/" + postId);
    browser.click(".thread .comment .reply");
    browser.type("#comment-form textarea", "这是回复");
    browser.click("#comment-form button").waitForText("评论已发表");
    browser.waitUntil(
        "the reply under its thread",
        () -> browser.findAll(".thread .replies .comment").size() == 1);

    signIn("bob", List.of(), "/p/" + postId);
    browser.click(".thread > .comment .delete");
    assertThat(browser.waitForAlert()).isEqualTo("确定删除这条评论吗？");
    browser.waitUntil(
        "the placeholder", () -> browser.find(".thread > .comment").getText().contains("该评论已删除"));

    noScript.open(base + "/p/" + postId);
    assertThat(noScript.find(".thread > .comment.deleted").getText())
        .contains("该评论已删除")
        .doesNotContain("第一条评论");
    assertThat(noScript.find(".thread .replies .comment").getText())
        .contains("CAROL")
        .contains("这是回复");
    signOut();
  }

  @Test
  void
      theOwner_uploadsAHeader_seesItOnTheHomePage_thenReadsWhyA1919WideOneIsRefused_andSavesColours()
          throws IOException {
    Path good = image("header-ok.png", 1920, 100);
    Path narrow = image("header-narrow.png", 1919, 100);
    signIn("alice", List.of("vip"), "/u/alice/skin");
    browser.find("#editor");
    browser.upload(".slot[data-slot=header] input[type=file]", good);
    browser.waitUntil(
        "the progress bar", () -> browser.find(".slot[data-slot=header] progress").isDisplayed());
    browser.waitForText("图片已通过审核");
    assertThat(browser.find(".slot[data-slot=header] progress").getAttribute("value"))
        .isEqualTo("100");

    browser.upload(".slot[data-slot=header] input[type=file]", narrow);
    browser.waitForText("图片尺寸不符合要求");
    assertThat(browser.find(".slot[data-slot=header] .verdict").getText()).contains("1919 × 100");
    browser.screenshot(SHOTS.resolve("skin-editor-rejection.png"));

    // the browser cannot see bytes hidden after the image; the validator can, and the page says so
    Path polyglot = image("header-polyglot.png", 1920, 100);
    Files.write(
        polyglot,
        "<html>hidden</html>".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    browser.upload(".slot[data-slot=header] input[type=file]", polyglot);
    browser.waitForText("图片结尾处夹带了多余的数据");

    browser.upload(".slot[data-slot=column] input[type=file]", image("column.png", 300, 38));
    browser.upload(".slot[data-slot=background] input[type=file]", tile("background.png"));
    browser.waitUntil("both verdicts", () -> browser.findAll(".verdict.ok").size() == 2);

    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const i = document.querySelector('input[name=titleColor]'); i.value = '#c0392b';"
                + "i.dispatchEvent(new Event('input')); ");
    browser.click("#save-colors").waitForText("颜色已保存");

    browser.open(base + "/u/alice");
    String banner =
        (String)
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return getComputedStyle(document.querySelector('.banner')).backgroundImage");
    assertThat(banner).contains("/_local/media/skins/");
    String titleColor =
        (String)
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return getComputedStyle(document.querySelector('.post-row h2 a')).color");
    assertThat(titleColor).isEqualTo("rgb(192, 57, 43)");
    browser.screenshot(SHOTS.resolve("home-after-skin.png"));
    assertThat(browser.consoleErrors()).isEmpty();
    signOut();
  }

  @Test
  void aNonVipOwner_seesWhatVipUnlocks_andAStrangerIsAskedToSignInAsTheOwner() {
    signIn("carol", List.of(), "/u/carol/skin");
    browser.waitForText("自定义博客皮肤是 VIP 功能");
    assertThat(browser.find("#editor").isDisplayed()).isFalse();
    browser.open(base + "/u/alice/skin");
    browser.waitForText("以博主身份登录");
    assertThat(browser.find("#editor").isDisplayed()).isFalse();
    signOut();
  }

  @Test
  void aPostWithScriptAndJavascriptLinks_runsNothing() {
    browser.open(base + "/p/" + postIdOf(44));
    browser.find(".content");
    // only the https link is still a link; the script and javascript: targets are plain text
    assertThat(browser.findAll(".content a"))
        .extracting(e -> e.getAttribute("href"))
        .containsExactly("https://example.org/x");
    browser.clickText("click");
    sleep(500);
    assertThat(browser.alert()).isEmpty();
    assertThat(browser.text()).contains("<script>alert(1)</script>");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void readingPages_workWithJavaScriptOff() {
    noScript.open(base + "/u/alice");
    assertThat(noScript.findAll(".post-row")).hasSize(40);
    noScript.clickText("下一页").waitForText("第 2 页");
    assertThat(noScript.findAll(".post-row")).hasSize(5);
    noScript.open(base + "/p/" + postIdOf(3));
    assertThat(noScript.text())
        .contains(BlogSeed.title(3))
        .contains("正文，加粗与 code。")
        .contains("登录后即可点赞");
    noScript.open(base + "/u/alice?lang=en");
    assertThat(noScript.text()).contains("Posts (45)").contains("China Standard Time (UTC+8)");
    noScript.open(base + "/u/alice?lang=zh-CN");
  }

  /**
   * Sign-in goes back only to a page of this site, reading the return value as the browser reads a
   * URL: a tab, CR or LF inside "//" or a backslash does not make another origin.
   */
  @Test
  void signIn_neverReturnsToAnotherOrigin() {
    signIn("bob", List.of(), "/u/alice?sort=views");
    for (String hostile :
        List.of(
            "%2F%09%2F127.0.0.1%3A9%2Fc",
            "%2F%0A%2F127.0.0.1%3A9%2Fc",
            "%2F%5C127.0.0.1%3A9%2Fc",
            "https%3A%2F%2F127.0.0.1%3A9%2Fc",
            "%2Fsign-in")) {
      // within the hosted session the hosted UI answers at once, without its form
      browser.open(base + "/sign-in?return=" + hostile);
      browser.waitUntil(
          "the return for " + hostile,
          () ->
              browser.url().startsWith(base)
                  && !browser.url().contains("/auth/callback")
                  && !browser.url().contains("/sign-in"));

      assertThat(browser.url()).as(hostile).isEqualTo(base + "/");
    }
    signOut();
  }

  // ------------------------------------------------------------------ helpers

  /** Signs in as a person does: the site's sign-in, the hosted UI's form, back to the page. */
  private static void signIn(String user, List<String> groups, String returnPath) {
    hosted.signIn(user, groups.contains("vip"), returnPath);
  }

  private static void signOut() {
    hosted.forget();
  }

  private static String postIdOf(int number) {
    Http.Reply list = http.send("GET", "/users/alice/posts?limit=100", null, null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) list.json().get("items");
    Optional<Map<String, Object>> item =
        items.stream().filter(i -> BlogSeed.title(number).equals(i.get("title"))).findFirst();
    return (String) item.orElseThrow().get("postId");
  }

  private static long views(String postId) {
    return http.send("GET", "/posts/" + postId, null, null, "cache-control", "no-cache")
        .number("views");
  }

  private static Path image(String name, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x1e3c72), width, height, new Color(0xfc5531)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width - 160, 10, 80, 80);
    g.dispose();
    Path file = Files.createDirectories(Path.of("target", "browser-images")).resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  /** A light diagonal pattern that tiles. */
  private static Path tile(String name) throws IOException {
    BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xf3efe8));
    g.fillRect(0, 0, 48, 48);
    g.setColor(new Color(0xe6dfd3));
    for (int i = -48; i < 48; i += 12) {
      g.drawLine(i, 48, i + 48, 0);
    }
    g.dispose();
    Path file = Files.createDirectories(Path.of("target", "browser-images")).resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
