package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reader of a long post with headings and code (issue 20, "Reading"): the table of contents jumps
 * to its sections with JavaScript off, and the copy button puts a code block on the clipboard
 * without signing in. A post with Java and Python code and math shows highlighted code and laid-out
 * MathML with JavaScript off, both rendered on the server.
 */
class ReadingBrowserIT {
  static final String CODE =
      "public final class Hello {\n  public static void main(String[] args) {\n"
          + "    System.out.println(\"你好 <world> & 'all'\");\n  }\n}";

  static final String CONTENT =
      "# 一、背景\n\n"
          + "为什么要读这篇。\n\n".repeat(30)
          + "## 安全管理器 `SecurityManager`\n\n"
          + "```java\n"
          + CODE
          + "\n```\n\n"
          + "Some English words to read as well.\n\n".repeat(30)
          + "## 小结\n\n"
          + "结束语。\n\n".repeat(30)
          + "### 小结\n\n最后。\n";

  static final String PYTHON =
      "@dataclass\nclass Point:\n    x: int = 0  # the x\n\n"
          + "def show(p):\n    return f\"</code><script>alert(1)</script> {p.x}\"\n";

  static final String CODE_AND_MATH =
      "A price of $5 and $10 stays text; Euler: $e^{i\\pi} + 1 = 0$.\n\n"
          + "```java\n"
          + CODE
          + "\n```\n\n"
          + "```python\n"
          + PYTHON
          + "```\n\n"
          + "$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}, \\quad"
          + " \\sqrt[3]{x} \\le \\left( \\frac{a}{b} \\right)\n$$\n\n"
          + "Unknown: $\\foo{x}$, code `$x$`.\n";

  @RegisterExtension static final Browser browser = Browser.chromium();
  @RegisterExtension static final Browser noScript = Browser.withoutJavaScript();

  private static RunningSystem system;
  private static String base;
  private static String postId;
  private static String codeAndMathPostId;
  private static final Map<String, String> ninaPosts = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("reading", port, 0, 0, List.of(base)));
    Http http = new Http(system.apiUrl());
    String dana = system.tokens().mint("dana", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/dana", dana, Map.of("displayName", "Dana")).status())
        .isEqualTo(200);
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("sourceId", "reading-1");
    post.put("type", "original");
    post.put("title", "Java 安全管理器读书笔记");
    post.put("summary", "目录、代码与复制。");
    post.put("content", CONTENT);
    post.put("publishedAt", "2026-11-01T08:00:00Z");
    Map<String, Object> codeAndMath = new LinkedHashMap<>();
    codeAndMath.put("sourceId", "reading-2");
    codeAndMath.put("type", "original");
    codeAndMath.put("title", "代码与公式");
    codeAndMath.put("summary", "高亮与数学。");
    codeAndMath.put("content", CODE_AND_MATH);
    codeAndMath.put("publishedAt", "2026-10-20T08:00:00Z");
    assertThat(
            http.send(
                    "POST",
                    "/users/dana/posts/import",
                    dana,
                    Map.of("posts", List.of(post, codeAndMath)))
                .status())
        .isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items =
        (List<Map<String, Object>>)
            http.send("GET", "/users/dana/posts?limit=10", null, null).json().get("items");
    for (Map<String, Object> item : items) {
      if (item.get("title").equals("代码与公式")) {
        codeAndMathPostId = (String) item.get("postId");
      } else {
        postId = (String) item.get("postId");
      }
    }
    seedNina(http);
    browser.open(base + "/u/dana?lang=zh-CN");
    noScript.open(base + "/u/dana?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void tableOfContents_listsTheHeadings_andItsLinksJumpToThem_withJavaScriptOff() {
    noScript.open(base + "/p/" + postId);
    assertThat(noScript.find(".toc h2").getText()).isEqualTo("目录");
    List<WebElement> links = noScript.findAll(".toc a");
    assertThat(links.stream().map(WebElement::getText))
        .containsExactly("一、背景", "安全管理器 SecurityManager", "小结", "小结");
    assertThat(links.stream().map(ReadingBrowserIT::href))
        .containsExactly("#h-一背景", "#h-安全管理器-securitymanager", "#h-小结", "#h-小结-2");
    assertThat(noScript.findAll(".toc li").stream().map(li -> li.getDomAttribute("class")))
        .containsExactly("toc-0", "toc-1", "toc-1", "toc-2");
    // 316 CJK characters / 300 + 226 words / 200 = 2.2 minutes, rounded up
    assertThat(noScript.find(".meta .reading-time").getText()).isEqualTo("阅读约 3 分钟");

    noScript.findAll(".toc a").get(1).click();
    noScript.waitUntil(
        "the section's address",
        () -> decoded(noScript.url()).endsWith("#h-安全管理器-securitymanager"));
    assertThat(noScript.find("h2#h-安全管理器-securitymanager").getText())
        .isEqualTo("安全管理器 SecurityManager");
    assertThat(top("h2#h-安全管理器-securitymanager", noScript)).isBetween(-2L, 40L);

    noScript.findAll(".toc a").get(3).click();
    noScript.waitUntil("the last section", () -> decoded(noScript.url()).endsWith("#h-小结-2"));
    assertThat(noScript.find("h3#h-小结-2").getText()).isEqualTo("小结");
    // Without JavaScript there is no copy button, only the language label of the block.
    assertThat(noScript.findAll(".copy")).isEmpty();
    assertThat(noScript.find(".content pre").getAttribute("data-lang")).isEqualTo("java");
  }

  @Test
  void copyButton_putsTheCodeOnTheClipboard_withoutSigningIn() {
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Browser.grantPermissions",
            Map.of(
                "origin",
                base,
                "permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    browser.open(base + "/p/" + postId);
    assertThat(browser.find("#session .sign-in").getText()).isEqualTo("登录");
    WebElement copy = browser.find(".code-wrap .copy");
    assertThat(copy.getText()).isEqualTo("复制");
    assertThat(copy.getAttribute("aria-label")).isEqualTo("复制代码");
    assertThat(browser.findAll(".code-wrap .copy")).hasSize(1);

    copy.click();
    browser.waitUntil("the copied label", () -> copy.getText().equals("已复制"));
    assertThat(browser.find("#action-status").getText()).isEqualTo("已复制");
    Object clipboard =
        ((JavascriptExecutor) browser.driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    assertThat(clipboard).isEqualTo(CODE + "\n");
    assertThat(browser.consoleErrors()).isEmpty();

    assertWeightWithinBudget("post page with code");
  }

  @Test
  void codeIsHighlighted_andMathIsLaidOut_onTheServer_withJavaScriptOff() {
    noScript.open(base + "/p/" + codeAndMathPostId);
    WebElement java = noScript.find(".content pre[data-lang=java] code");
    WebElement python = noScript.find(".content pre[data-lang=python] code");
    assertThat(java.getText()).isEqualTo(CODE);
    assertThat(python.getText()).isEqualTo(PYTHON.strip());
    assertThat(texts(java, ".kw")).contains("public", "final", "class", "static", "void");
    assertThat(texts(java, ".typ")).contains("Hello", "String", "System");
    assertThat(texts(java, ".str")).containsExactly("\"你好 <world> & 'all'\"");
    assertThat(texts(python, ".attr")).containsExactly("@dataclass");
    assertThat(texts(python, ".com")).containsExactly("# the x");
    assertThat(texts(python, ".str"))
        .containsExactly("f\"</code><script>alert(1)</script> {p.x}\"");
    // the token colours of site.css apply (keyword purple, string green)
    assertThat(java.findElement(By.cssSelector(".kw")).getCssValue("color"))
        .isEqualTo("rgba(166, 38, 164, 1)");
    assertThat(java.findElement(By.cssSelector(".str")).getCssValue("color"))
        .isEqualTo("rgba(10, 122, 62, 1)");
    // the script typed as code is text: no element, nothing ran
    assertThat(noScript.findAll(".content script")).isEmpty();

    List<WebElement> math = noScript.findAll(".content math");
    assertThat(math).hasSize(3);
    assertThat(noScript.find(".content p").getText())
        .startsWith("A price of $5 and $10 stays text; Euler:");
    WebElement display = noScript.find(".content math[display=block]");
    assertThat(display.findElements(By.cssSelector("munderover, mfrac, mroot"))).hasSize(4);
    for (WebElement m : math) {
      Rectangle box = m.getRect();
      assertThat(box.getWidth()).as(m.getText()).isGreaterThan(0);
      assertThat(box.getHeight()).as(m.getText()).isGreaterThan(0);
    }
    // laid out as MathML, not as a line of text: the fraction stacks its numerator over its
    // denominator
    WebElement fraction = display.findElement(By.cssSelector("mfrac"));
    List<WebElement> parts = fraction.findElements(By.xpath("./*"));
    assertThat(parts.get(0).getRect().getY() + parts.get(0).getRect().getHeight())
        .isLessThanOrEqualTo(parts.get(1).getRect().getY() + 1);
    assertThat(noScript.find(".content merror").getText()).isEqualTo("\\foo");
    assertThat(noScript.find(".content p:last-child code").getText()).isEqualTo("$x$");
  }

  @Test
  void copyButton_copiesHighlightedCode_asTyped() {
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Browser.grantPermissions",
            Map.of(
                "origin",
                base,
                "permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    browser.open(base + "/p/" + codeAndMathPostId);
    List<WebElement> buttons = browser.findAll(".code-wrap .copy");
    assertThat(buttons).hasSize(2);
    buttons.get(1).click();
    browser.waitUntil("the copied label", () -> buttons.get(1).getText().equals("已复制"));
    Object clipboard =
        ((JavascriptExecutor) browser.driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    assertThat(clipboard).isEqualTo(PYTHON);
    assertThat(browser.consoleErrors()).isEmpty();
    assertWeightWithinBudget("post page with code and math");
  }

  private static List<String> texts(WebElement parent, String css) {
    return parent.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  /** The weight of the open page as the browser received it (HTML + CSS + JS, uncompressed). */
  private static void assertWeightWithinBudget(String what) {
    @SuppressWarnings("unchecked")
    List<Long> weight =
        (List<Long>)
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "const nav = performance.getEntriesByType('navigation')[0];"
                        + "const assets = performance.getEntriesByType('resource')"
                        + "  .filter(r => /[.](css|js)$/.test(new URL(r.name).pathname));"
                        + "const css = assets.filter(r => r.name.endsWith('.css'))"
                        + "  .reduce((s, r) => s + r.decodedBodySize, 0);"
                        + "const js = assets.filter(r => r.name.endsWith('.js'))"
                        + "  .reduce((s, r) => s + r.decodedBodySize, 0);"
                        + "return [nav.decodedBodySize, css, js, assets.length];");
    System.out.println(
        "reading: "
            + what
            + ": HTML "
            + weight.get(0)
            + " B, CSS "
            + weight.get(1)
            + " B, JS "
            + weight.get(2)
            + " B ("
            + weight.get(3)
            + " files), total "
            + (weight.get(0) + weight.get(1) + weight.get(2))
            + " B");
    assertThat(weight.get(0) + weight.get(1) + weight.get(2)).isLessThan(100_000L);
  }

  /**
   * Nina's three listed posts a day apart (the first two share the tag 共享) and a newer private post
   * with the same tag, which no page may lead to.
   */
  private static void seedNina(Http http) {
    String nina = system.tokens().mint("nina", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/nina", nina, Map.of("displayName", "Nina")).status())
        .isEqualTo(200);
    List<Object> posts = new ArrayList<>();
    String[][] seeds = {
      {"n1", "第一篇 <b>&amp;", "2026-10-01T08:00:00Z", "共享", "读书"},
      {"n2", "第二篇", "2026-10-02T08:00:00Z", "共享", "随笔"},
      {"n3", "第三篇", "2026-10-03T08:00:00Z", "别的", "杂记"}
    };
    for (String[] s : seeds) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", s[0]);
      p.put("type", "original");
      p.put("title", s[1]);
      p.put("content", "正文 " + s[0]);
      p.put("publishedAt", s[2]);
      p.put("tags", List.of(s[3]));
      p.put("categories", List.of(s[4]));
      posts.add(p);
    }
    assertThat(http.send("POST", "/users/nina/posts/import", nina, Map.of("posts", posts)).status())
        .isEqualTo(200);
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("title", "私密 共享");
    secret.put("content", "只给自己");
    secret.put("status", "published");
    secret.put("visibility", "private");
    secret.put("tags", List.of("共享"));
    secret.put("categories", List.of("读书"));
    Http.Reply created = http.send("POST", "/users/nina/posts", nina, secret);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items =
        (List<Map<String, Object>>)
            http.send("GET", "/users/nina/posts?limit=10", null, null).json().get("items");
    for (Map<String, Object> item : items) {
      ninaPosts.put((String) item.get("title"), (String) item.get("postId"));
    }
    assertThat(ninaPosts).hasSize(3);
  }

  @Test
  void previousNextAndRelatedPosts_withJavaScriptOff_onlyLeadToListedPosts() {
    String first = ninaPosts.get("第一篇 <b>&amp;");
    String second = ninaPosts.get("第二篇");
    String third = ninaPosts.get("第三篇");

    noScript.open(base + "/p/" + first);
    assertThat(noScript.findAll(".post-nav .prev")).isEmpty();
    assertThat(noScript.find(".post-nav .next").getText()).isEqualTo("下一篇： 第二篇");
    assertThat(href(noScript.find(".post-nav .next a"))).isEqualTo("/p/" + second);
    // related: the other post with the tag 共享, not the post itself nor the private one
    assertThat(noScript.find(".related h2").getText()).isEqualTo("相关文章");
    assertThat(noScript.findAll(".related a").stream().map(ReadingBrowserIT::href))
        .containsExactly("/p/" + second);
    assertThat(noScript.html()).doesNotContain("私密");

    noScript.open(base + "/p/" + second);
    assertThat(noScript.find(".post-nav .prev a").getText()).isEqualTo("第一篇 <b>&amp;");
    assertThat(href(noScript.find(".post-nav .prev a"))).isEqualTo("/p/" + first);
    assertThat(href(noScript.find(".post-nav .next a"))).isEqualTo("/p/" + third);
    assertThat(noScript.findAll(".related a").stream().map(WebElement::getText))
        .containsExactly("第一篇 <b>&amp;");

    // the last listed post: the newer private post is no "next"; no post shares its tag
    noScript.open(base + "/p/" + third);
    assertThat(href(noScript.find(".post-nav .prev a"))).isEqualTo("/p/" + second);
    assertThat(noScript.findAll(".post-nav .next")).isEmpty();
    assertThat(noScript.findAll(".related")).isEmpty();
    assertThat(noScript.html()).doesNotContain("私密");
  }

  private static String href(WebElement a) {
    String href = a.getDomAttribute("href");
    return href == null ? "" : href;
  }

  private static String decoded(String url) {
    return URLDecoder.decode(url, StandardCharsets.UTF_8);
  }

  private static long top(String css, Browser b) {
    WebElement element = b.find(css);
    Object y =
        ((JavascriptExecutor) b.driver())
            .executeScript("return Math.round(arguments[0].getBoundingClientRect().top);", element);
    return ((Number) y).longValue();
  }
}
