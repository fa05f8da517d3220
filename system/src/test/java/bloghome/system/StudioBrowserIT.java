package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;

/**
 * A blogger's sessions in the studio, in headless Chromium against the whole local system: writing
 * with the keyboard alone, a draft that outlives its tab, two tabs editing one post, revisions, the
 * list of posts and the profile.
 */
class StudioBrowserIT {
  static final Path SHOTS = PagesBrowserIT.SHOTS;

  @RegisterExtension static final Browser browser = Browser.chromium();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static HostedSignIn hosted;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("studio", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    hosted = new HostedSignIn(browser, base, system.hostedUi().url());
    for (String user :
        List.of(
            "wen", "dora", "ed", "fay", "gus", "hal", "ivy", "jun", "kim", "lee", "mo", "nan")) {
      assertThat(
              http.send("PUT", "/users/" + user, token(user), Map.of("displayName", "博主 " + user))
                  .status())
          .isEqualTo(200);
    }
    browser.open(base + "/write?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aBlogger_writesWithTheKeyboardAlone_seesThePreview_publishes_andFindsItOnTheHomePage() {
    signIn("wen", "/write");
    browser.find("#writer");
    tabTo("title").sendKeys("键盘写的第一篇");
    tabTo("content").sendKeys("# 你好\n\n这是**加粗**的正文。\n\n<script>alert(1)</script>");
    browser.waitUntil(
        "the server's preview",
        () -> browser.findAll("#preview strong").size() == 1 && browser.showsText("你好"));
    assertThat(browser.find("#preview").getText()).contains("<script>alert(1)</script>");
    tabTo("tags").sendKeys("键盘, 无障碍");
    tabTo("categories").sendKeys("随笔");
    browser.screenshot(SHOTS.resolve("studio-write.png"));
    tabTo("publish").sendKeys(Keys.ENTER);
    browser.waitForText("文章已发布。");
    browser.waitForUrl("/edit");
    assertThat(browser.find("#publish").getText()).isEqualTo("更新文章");
    String postId = postIdInUrl();

    browser.open(base + "/u/wen");
    assertThat(browser.find(".post-row h2 a").getText()).isEqualTo("键盘写的第一篇");
    browser.open(base + "/p/" + postId);
    assertThat(browser.find(".content strong").getText()).isEqualTo("加粗");
    assertThat(browser.consoleErrors()).isEmpty();
    signOut();
  }

  @Test
  void aDraft_survivesItsTabClosedBeforeTheAutosave_andIsSavedWhenReopened() {
    signIn("dora", "/write");
    WebDriver driver = browser.driver();
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    browser.open(base + "/write");
    browser.find("#writer");
    browser.type("#title", "没写完的草稿");
    browser.type("#content", "第一段，还没来得及保存");
    // closed at once: no autosave (3 s) has run, only the browser's copy exists
    driver.close();
    driver.switchTo().window(first);

    browser.open(base + "/write");
    browser.waitForText("已恢复上次没有保存到服务器的内容");
    assertThat(browser.find("#title").getAttribute("value")).isEqualTo("没写完的草稿");
    assertThat(browser.find("#content").getAttribute("value")).isEqualTo("第一段，还没来得及保存");
    // the recovered text goes to the server as a draft by itself
    browser.waitUntil(
        "the autosave", () -> browser.find("#save-state").getText().startsWith("已保存"));
    browser.waitForUrl("/edit");
    String postId = postIdInUrl();
    Http.Reply own = http.send("GET", "/studio/posts/" + postId, token("dora"), null);
    assertThat(own.json()).containsEntry("status", "draft").containsEntry("title", "没写完的草稿");
    // a draft is nobody else's business
    assertThat(http.send("GET", "/posts/" + postId, null, null).status()).isEqualTo(404);
    signOut();
  }

  @Test
  void twoTabs_editingOneDraft_conflictVisibly_andTheAuthorChooses() {
    String postId = create("ed", "draft", "两个窗口", "原来的正文");
    signIn("ed", "/p/" + postId + "/edit");
    WebDriver driver = browser.driver();
    String tabA = driver.getWindowHandle();
    browser.waitUntil(
        "the draft", () -> "原来的正文".equals(browser.find("#content").getAttribute("value")));

    driver.switchTo().newWindow(WindowType.TAB);
    String tabB = driver.getWindowHandle();
    browser.open(base + "/p/" + postId + "/edit");
    browser.waitUntil(
        "the draft", () -> "原来的正文".equals(browser.find("#content").getAttribute("value")));
    browser.find("#content").sendKeys("，B 窗口加的");
    browser.waitUntil(
        "B's autosave", () -> browser.find("#save-state").getText().startsWith("已保存"));

    driver.switchTo().window(tabA);
    browser.find("#content").sendKeys("，A 窗口加的");
    browser.waitUntil("the conflict", () -> browser.find("#conflict").isDisplayed());
    assertThat(browser.find("#mine-text").getText()).isEqualTo("原来的正文，A 窗口加的");
    assertThat(browser.find("#theirs-text").getText()).isEqualTo("原来的正文，B 窗口加的");
    browser.screenshot(SHOTS.resolve("studio-conflict.png"));
    // nothing was overwritten while the author has not chosen
    assertThat(content("ed", postId)).isEqualTo("原来的正文，B 窗口加的");

    browser.click("#keep-mine");
    browser.waitUntil(
        "the kept version on the server", () -> content("ed", postId).endsWith("A 窗口加的"));
    assertThat(browser.find("#conflict").isDisplayed()).isFalse();
    driver.switchTo().window(tabB);
    driver.close();
    driver.switchTo().window(tabA);
    // the refused save is the only failed request the console shows
    assertThat(browser.consoleErrors()).allMatch(e -> e.contains("status of 409 (Conflict)"));
    signOut();
  }

  @Test
  void aPublishedPost_isNotAutosaved_itsEditsWaitInTheBrowserUntilUpdate() {
    String postId = create("ivy", "published", "已发布的", "线上的正文");
    signIn("ivy", "/p/" + postId + "/edit");
    browser.waitUntil(
        "the post", () -> "线上的正文".equals(browser.find("#content").getAttribute("value")));
    browser.find("#content").sendKeys("，改了一半");
    browser.waitForText("有未发布的修改");
    sleep(4500); // longer than the autosave delay of drafts
    assertThat(content("ivy", postId)).isEqualTo("线上的正文");

    browser.open(base + "/p/" + postId + "/edit");
    browser.waitForText("已恢复上次没有保存到服务器的内容");
    assertThat(browser.find("#content").getAttribute("value")).isEqualTo("线上的正文，改了一半");
    browser.click("#publish").waitForText("文章已更新。");
    assertThat(content("ivy", postId)).isEqualTo("线上的正文，改了一半");
    signOut();
  }

  @Test
  void scheduling_takesBeijingTime_andSendsUtc() {
    signIn("jun", "/write");
    browser.type("#title", "明早发布");
    browser.type("#content", "定时的正文");
    browser.click("input[name=when][value=later]");
    // 09:30 in Beijing a month from now is 01:30 UTC that day
    LocalDateTime beijing =
        LocalDate.now(ZoneOffset.ofHours(8)).plusDays(30).atTime(LocalTime.of(9, 30));
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const i = document.getElementById('publish-at'); i.value = arguments[0];"
                + " i.dispatchEvent(new Event('input', {bubbles: true}));",
            beijing.toString());
    assertThat(browser.find("#publish").getText()).isEqualTo("定时发布");
    browser
        .click("#publish")
        .waitForText("文章将于北京时间 " + beijing.toString().replace('T', ' ') + " 发布。");
    String postId = postIdInUrl();
    assertThat(http.send("GET", "/studio/posts/" + postId, token("jun"), null).json())
        .containsEntry("status", "scheduled")
        .containsEntry("publishAt", beijing.toLocalDate() + "T01:30:00.000Z");
    assertThat(http.send("GET", "/posts/" + postId, null, null).status()).isEqualTo(404);
    signOut();
  }

  @Test
  void aLostConnection_losesNothing_theDraftIsSavedWhenTheBrowserIsBackOnline() {
    String postId = create("lee", "draft", "断网", "联网时写的");
    signIn("lee", "/p/" + postId + "/edit");
    browser.waitUntil(
        "the draft", () -> "联网时写的".equals(browser.find("#content").getAttribute("value")));
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    chrome.setNetworkConditions(offline);
    try {
      browser.find("#content").sendKeys("，断网时写的");
      browser.waitUntil(
          "the offline state", () -> browser.find("#save-state").getText().contains("本机"));
      assertThat(content("lee", postId)).isEqualTo("联网时写的");
    } finally {
      chrome.deleteNetworkConditions();
    }
    ((JavascriptExecutor) chrome).executeScript("window.dispatchEvent(new Event('online'))");
    browser.waitUntil("the save once online", () -> content("lee", postId).equals("联网时写的，断网时写的"));
    browser.waitUntil(
        "the saved state", () -> browser.find("#save-state").getText().startsWith("已保存"));
    signOut();
  }

  @Test
  void theStudioList_pagesTwentyAtATime() {
    for (int i = 1; i <= 22; i++) {
      create("kim", i % 2 == 0 ? "draft" : "published", "第 " + i + " 篇", "x");
    }
    signIn("kim", "/studio");
    browser.waitUntil("the first page", () -> browser.findAll("#posts tr").size() == 20);
    assertThat(titles().getFirst()).isEqualTo("第 22 篇");
    browser.click("#next").waitForText("第 2 页");
    browser.waitUntil("the second page", () -> titles().equals(List.of("第 2 篇", "第 1 篇")));
    assertThat(browser.find("#next").isEnabled()).isFalse();
    browser.click("#prev").waitForText("第 1 页");
    browser.waitUntil("the first page again", () -> browser.findAll("#posts tr").size() == 20);
    signOut();
  }

  @Test
  void anOldRevision_isViewed_andRestored() {
    String postId = create("fay", "published", "修订", "第一版");
    update("fay", postId, "第二版");
    update("fay", postId, "第三版");
    signIn("fay", "/p/" + postId + "/edit");
    browser.waitUntil("three revisions", () -> browser.findAll("#revisions li").size() >= 3);
    browser.findAll("#revisions li").stream()
        .filter(li -> li.getText().startsWith("版本 1 "))
        .findFirst()
        .orElseThrow()
        .findElement(By.tagName("button"))
        .click();
    browser.waitUntil(
        "the first version", () -> browser.find("#revision-text").getText().equals("第一版"));
    browser.screenshot(SHOTS.resolve("studio-revisions.png"));
    browser.click("#restore");
    browser.waitUntil(
        "the restored text", () -> "第一版".equals(browser.find("#content").getAttribute("value")));
    browser.waitForText("已恢复为版本 1");
    assertThat(content("fay", postId)).isEqualTo("第一版");
    signOut();
  }

  @Test
  void theStudioList_filtersByStateAndType_searchesTitles_andDeletesAfterConfirming() {
    create("gus", "draft", "草稿一篇", "x");
    create("gus", "published", "公开原创", "x");
    Map<String, Object> repost = post("published", "公开转载", "x");
    repost.put("type", "repost");
    repost.put("sourceUrl", "https://example.org/a");
    assertThat(http.send("POST", "/users/gus/posts", token("gus"), repost).status()).isEqualTo(201);
    Map<String, Object> secret = post("published", "只给自己", "x");
    secret.put("visibility", "private");
    assertThat(http.send("POST", "/users/gus/posts", token("gus"), secret).status()).isEqualTo(201);

    signIn("gus", "/studio");
    browser.waitUntil("four posts", () -> browser.findAll("#posts tr").size() == 4);
    browser.screenshot(SHOTS.resolve("studio-manage.png"));
    select("#state", "draft");
    browser.waitUntil("the drafts", () -> titles().equals(List.of("草稿一篇")));
    select("#state", "private");
    browser.waitUntil("the private posts", () -> titles().equals(List.of("只给自己")));
    select("#state", "");
    select("#type", "repost");
    browser.waitUntil("the reposts", () -> titles().equals(List.of("公开转载")));
    select("#type", "");
    browser.type("#q", "原创").click("#filters button");
    browser.waitUntil("the search", () -> titles().equals(List.of("公开原创")));

    browser.click("#posts tr .actions button");
    assertThat(browser.waitForAlert()).isEqualTo("确定删除《公开原创》吗？删除后无法恢复。");
    browser.waitForText("已删除。");
    browser.type("#q", "").click("#filters button");
    browser.waitUntil("three posts", () -> browser.findAll("#posts tr").size() == 3);
    signOut();
  }

  @Test
  void aCommentOnMyPost_isListedInTheStudio_andDeletedFromThere() {
    String postId = create("nan", "published", "欢迎评论", "x");
    Http.Reply made =
        http.send(
            "POST", "/posts/" + postId + "/comments", token("mo"), Map.of("body", "写得真好 <b>!</b>"));
    assertThat(made.status()).as(made.body()).isEqualTo(201);

    signIn("nan", "/studio");
    browser.waitUntil("the comment", () -> browser.findAll("#studio-comments li").size() == 1);
    WebElement item = browser.find("#studio-comments li");
    assertThat(item.getText()).contains("博主 mo", "欢迎评论", "写得真好 <b>!</b>");
    assertThat(browser.find("#comments-status").getText()).isEmpty();
    browser.screenshot(SHOTS.resolve("studio-comments.png"));

    browser.click("#studio-comments li button");
    assertThat(browser.waitForAlert()).isEqualTo("确定删除这条评论吗？");
    browser.waitForText("已删除。");
    browser.waitUntil("the comment gone", () -> browser.findAll("#studio-comments li").isEmpty());
    assertThat(http.send("GET", "/posts/" + postId + "/comments", null, null).json().get("items"))
        .asList()
        .isEmpty();
    signOut();
  }

  @Test
  void theProfile_isSaved_andStrangersGetTheSignInPromptOrAClearRefusal() {
    signIn("hal", "/studio/profile");
    browser.waitUntil(
        "the profile", () -> "博主 hal".equals(browser.find("#display-name").getAttribute("value")));
    browser.type("#display-name", "Hal 王");
    browser.type("#bio", "写点东西");
    browser.click("#profile-form button[type=submit]");
    browser.waitForText("资料已保存。");
    browser.screenshot(SHOTS.resolve("studio-profile.png"));
    assertThat(http.send("GET", "/users/hal", null, null, "cache-control", "no-cache").json())
        .containsEntry("displayName", "Hal 王")
        .containsEntry("bio", "写点东西");

    String theirs = create("wen", "draft", "别人的草稿", "x");
    browser.open(base + "/p/" + theirs + "/edit");
    browser.waitUntil("the refusal", () -> browser.find("#load-error").getText().contains("不属于你"));
    assertThat(browser.find("#writer").isDisplayed()).isFalse();
    signOut();
    for (String path : List.of("/write", "/studio", "/studio/profile")) {
      browser.open(base + path);
      browser.waitForText("请先登录，创作中心只对博主本人开放。");
    }
  }

  @Test
  void myFavorites_listWhatIMayRead_newestFirst_andAreUnsavedFromThere() {
    String first = create("lee", "published", "先收藏的 <文章>", "第一篇");
    String second = create("lee", "published", "后收藏的文章", "第二篇");
    String hidden = create("lee", "published", "后来设为私密", "第三篇");
    for (String postId : List.of(first, second, hidden)) {
      Http.Reply saved = http.send("PUT", "/posts/" + postId + "/favorite", token("kim"), null);
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      sleep(5); // distinct times: the list is newest saved first
    }
    Map<String, Object> madePrivate = post("published", "后来设为私密", "第三篇");
    madePrivate.put("visibility", "private");
    assertThat(http.send("PUT", "/posts/" + hidden, token("lee"), madePrivate).status())
        .isEqualTo(200);

    signIn("kim", "/studio/favorites");
    browser.waitUntil("two favorites", () -> browser.findAll("#favorites li").size() == 2);
    assertThat(browser.findAll("#favorites li .title").stream().map(WebElement::getText))
        .containsExactly("后收藏的文章", "先收藏的 <文章>");
    assertThat(browser.find("#favorites li a.title").getAttribute("href"))
        .isEqualTo(base + "/p/" + second);
    assertThat(browser.text()).doesNotContain("后来设为私密");
    browser.screenshot(SHOTS.resolve("studio-favorites.png"));

    browser.click("#favorites li button");
    browser.waitForText("已取消收藏《后收藏的文章》。");
    browser.waitUntil("one favorite left", () -> browser.findAll("#favorites li").size() == 1);
    browser.open(base + "/studio/favorites");
    browser.waitUntil(
        "the list again",
        () ->
            browser.findAll("#favorites li .title").stream()
                .map(WebElement::getText)
                .toList()
                .equals(List.of("先收藏的 <文章>")));
    assertThat(browser.consoleErrors()).isEmpty();
    signOut();
  }

  // ------------------------------------------------------------------ helpers

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String token(String user) {
    return system.tokens().mint(user, List.of(), Duration.ofMinutes(30));
  }

  /** Signs in through the site's sign-in and the local hosted UI, as a blogger does. */
  private static void signIn(String user, String returnPath) {
    hosted.signIn(user, false, returnPath);
  }

  private static void signOut() {
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }

  /** Presses Tab until the element with this id has the focus, as a keyboard user does. */
  private static WebElement tabTo(String id) {
    WebDriver driver = browser.driver();
    for (int i = 0; i < 80; i++) {
      if (id.equals(driver.switchTo().activeElement().getAttribute("id"))) {
        return driver.switchTo().activeElement();
      }
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached #" + id);
  }

  private static void select(String css, String value) {
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));",
            css,
            value);
  }

  private static List<String> titles() {
    return browser.findAll("#posts tr td:first-child").stream()
        .map(td -> td.getText().substring(td.getText().indexOf(' ') + 1))
        .toList();
  }

  private static String postIdInUrl() {
    String url = browser.url();
    return url.substring(url.indexOf("/p/") + 3, url.indexOf("/edit"));
  }

  private static Map<String, Object> post(String status, String title, String content) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("content", content);
    body.put("status", status);
    return body;
  }

  private static String create(String user, String status, String title, String content) {
    Http.Reply reply =
        http.send("POST", "/users/" + user + "/posts", token(user), post(status, title, content));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.json().get("postId");
  }

  private static void update(String user, String postId, String content) {
    Map<String, Object> body = post("published", "修订", content);
    Http.Reply reply = http.send("PUT", "/posts/" + postId, token(user), body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private static String content(String user, String postId) {
    return (String)
        http.send("GET", "/studio/posts/" + postId, token(user), null).json().get("content");
  }
}
