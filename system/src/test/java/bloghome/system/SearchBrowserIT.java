package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * Search within a blog on the whole local system (issue 20): posts written through the API reach
 * SearchIndexerFunction through the table stream's filtered event source mapping, and
 * SearchFunction answers the JSON API and the page, all as the template wires them; the page read
 * in Chromium with JavaScript off.
 */
class SearchBrowserIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final String XSS_TITLE = "<img src=x onerror=alert(1)> Java 安全管理器";

  @RegisterExtension static final Browser noScript = Browser.withoutJavaScript();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("search", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    token = system.tokens().mint("searcher", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/searcher", token, Map.of("displayName", "搜索测试")).status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static String create(String title, String content) {
    Http.Reply created =
        http.send(
            "POST",
            "/users/searcher/posts",
            token,
            Map.of("type", "original", "title", title, "content", content));
    assertThat(created.status()).isEqualTo(201);
    return (String) created.json().get("postId");
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> results) {
    return ((List<Map<String, Object>>) results.get("results"))
        .stream().map(r -> (String) r.get("postId")).toList();
  }

  private static Map<String, Object> search(String q) {
    Http.Reply reply =
        http.send(
            "GET",
            "/users/searcher/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
            null,
            null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static Map<String, Object> awaitSearch(String q, Predicate<Map<String, Object>> done) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    Map<String, Object> results = search(q);
    while (!done.test(results) && System.nanoTime() < deadline) {
      sleep(200);
      results = search(q);
    }
    return results;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPostWrittenThroughTheApi_isFound_itsEditToo_andADeleteRemovesIt() {
    String postId = create("Redis 分布式锁的实现", "用 `SET key value NX PX 30000` 加锁，computeIfAbsent 无关。");
    long started = System.nanoTime();
    assertThat(ids(awaitSearch("Redis 分布式锁", r -> ids(r).contains(postId))))
        .containsExactly(postId);
    System.out.printf(
        "search: write -> searchable through the local system in %d ms (cold functions)%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis());

    assertThat(
            http.send(
                    "PUT",
                    "/posts/" + postId,
                    token,
                    Map.of(
                        "type",
                        "original",
                        "title",
                        "ZooKeeper 分布式锁",
                        "content",
                        "临时顺序节点 EPHEMERAL_SEQUENTIAL"))
                .status())
        .isEqualTo(200);
    assertThat(ids(awaitSearch("ZooKeeper", r -> ids(r).contains(postId)))).containsExactly(postId);
    assertThat(ids(search("Redis"))).doesNotContain(postId);

    assertThat(http.send("DELETE", "/posts/" + postId, token, null).status()).isEqualTo(204);
    assertThat(ids(awaitSearch("ZooKeeper", r -> !ids(r).contains(postId)))).doesNotContain(postId);
  }

  @Test
  void theSearchPage_withoutJavaScript_marksTheHits_andShowsAHostileTitleAsText() {
    String postId = create(XSS_TITLE, "SecurityManager 的 `checkPermission` 检查权限。");
    awaitSearch("安全", r -> ids(r).contains(postId));

    noScript.open(base + "/u/searcher?lang=zh-CN");
    noScript.open(base + "/u/searcher/search");
    noScript.type("#q", "安全");
    noScript.click(".search-form button");
    noScript.waitForUrl("q=");
    assertThat(noScript.url()).contains("/u/searcher/search?q=");

    List<WebElement> rows = noScript.findAll(".search-results .post-row");
    assertThat(rows).hasSize(1);
    assertThat(noScript.find(".search-results h2 a").getText()).isEqualTo(XSS_TITLE);
    assertThat(noScript.find(".search-results h2 a").getAttribute("href")).endsWith("/p/" + postId);
    assertThat(noScript.findAll(".search-results h2 mark").stream().map(WebElement::getText))
        .containsExactly("安全");
    // The hostile title is text: no element came of it.
    assertThat(noScript.findAll(".search-results img")).isEmpty();
    assertThat(noScript.html()).contains("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(noScript.text()).contains("找到 1 篇文章");

    noScript.open(base + "/u/searcher/search?q=checkPermission");
    assertThat(noScript.findAll(".search-results .snippet mark").stream().map(WebElement::getText))
        .contains("checkPermission");
    noScript.open(base + "/u/searcher/search?q=%E9%87%8F%E5%AD%90");
    assertThat(noScript.text()).contains("没有找到与“量子”相关的文章。");

    noScript.open(base + "/u/nobody-here/search?q=x");
    assertThat(noScript.text()).contains("找不到这位博主");
  }
}
