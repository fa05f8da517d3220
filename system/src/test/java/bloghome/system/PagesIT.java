package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.comments.CommentText;
import bloghome.local.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages over HTTP on the whole local system: what a crawler or a reader with JavaScript off
 * gets. (What a browser does with the scripts is in the browser tests.)
 */
class PagesIT {
  private static RunningSystem system;
  private static Http http;
  private static String alice;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("pages", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
    alice = system.tokens().mint("alice", List.of("vip"), Duration.ofMinutes(30));
    BlogSeed.importBlog(http, alice, "alice", "Alice 陈");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void homePage_lists40NewestFirst_withImportedFigures_andTheNextPageTheOther5() {
    Http.Reply page1 = http.send("GET", "/u/alice", null, null);
    assertThat(page1.status()).isEqualTo(200);
    assertThat(page1.raw().headers().firstValue("content-type"))
        .hasValue("text/html; charset=utf-8");
    List<String> titles = titles(page1.body());
    assertThat(titles).hasSize(40);
    assertThat(titles.get(0)).isEqualTo("第 44 篇 &lt;b&gt;笔记&lt;/b&gt;");
    assertThat(titles.get(39)).isEqualTo("第 5 篇 &lt;b&gt;笔记&lt;/b&gt;");
    // 2022-11-25T07:02:10Z + 44 days, in China Standard Time
    assertThat(page1.body())
        .contains("2023-01-08 15:02:10")
        .contains("北京时间 (UTC+8)")
        .contains("阅读 " + (1000 + (44 * 37) % 101))
        .contains("博客(45)")
        .contains("Alice 陈");
    assertThat(page1.body()).doesNotContain("rel=\"prev\"");

    Http.Reply page2 = http.send("GET", link(page1.body(), "next"), null, null);
    assertThat(titles(page2.body()))
        .containsExactly(
            "第 4 篇 &lt;b&gt;笔记&lt;/b&gt;",
            "第 3 篇 &lt;b&gt;笔记&lt;/b&gt;",
            "第 2 篇 &lt;b&gt;笔记&lt;/b&gt;",
            "第 1 篇 &lt;b&gt;笔记&lt;/b&gt;",
            "第 0 篇 &lt;b&gt;笔记&lt;/b&gt;");
    assertThat(page2.body()).doesNotContain("rel=\"next\"").contains("第 2 页");
    Http.Reply back = http.send("GET", link(page2.body(), "prev"), null, null);
    assertThat(back.body()).isEqualTo(page1.body());
  }

  @Test
  void homePage_sortsByViews_andFiltersByType() {
    List<String> byViews = titles(http.send("GET", "/u/alice?sort=views", null, null).body());
    // views are 1000 + (37 i mod 101): the largest for i = 30 (1100 - ...), computed here
    int best = 0;
    for (int i = 0; i < 45; i++) {
      if ((i * 37) % 101 > (best * 37) % 101) {
        best = i;
      }
    }
    assertThat(byViews.get(0)).startsWith("第 " + best + " 篇");
    Http.Reply reposts = http.send("GET", "/u/alice?type=repost", null, null);
    assertThat(titles(reposts.body()))
        .hasSize(9)
        .allMatch(t -> Integer.parseInt(t.split(" ")[1]) % 5 == 0);
    assertThat(reposts.body()).contains("class=\"mark repost\">转载");
  }

  @Test
  void publicPages_sendAStableEtag_andAnswer304_withStrictSecurityHeaders() {
    Http.Reply first = http.send("GET", "/u/alice", null, null);
    String etag = first.raw().headers().firstValue("etag").orElseThrow();
    assertThat(http.send("GET", "/u/alice", null, null).raw().headers().firstValue("etag"))
        .hasValue(etag);
    Http.Reply cached = http.send("GET", "/u/alice", null, null, "if-none-match", etag);
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.body()).isEmpty();
    assertThat(first.raw().headers().firstValue("cache-control").orElseThrow())
        .contains("public")
        .contains("max-age=60");
    String csp = first.raw().headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .contains("base-uri 'none'")
        .doesNotContain("unsafe-inline")
        .containsPattern("style-src 'self' 'sha256-");
    assertThat(first.raw().headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(first.raw().headers().firstValue("referrer-policy"))
        .hasValue("strict-origin-when-cross-origin");
  }

  @Test
  void postPage_rendersMarkdownWithoutRawHtmlOrDangerousLinks() {
    String home = http.send("GET", "/u/alice", null, null).body();
    // The newest post's link in the list (the sidebar's hot posts come first in the page).
    Matcher m = Pattern.compile("href=\"(/p/[^\"]+)\"").matcher(home);
    assertThat(m.find(home.indexOf("class=\"post-list\""))).isTrue();
    Http.Reply post = http.send("GET", m.group(1), null, null);
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert")
        .doesNotContainIgnoringCase("javascript:")
        .doesNotContain("data:image")
        .contains("<a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">site</a>")
        .contains("<h1 id=\"h-hi\">Hi</h1>");
    assertThat(post.raw().headers().firstValue("etag")).isPresent();
  }

  @Test
  void errors_areProperPagesWithTheRightStatus() {
    assertPage(http.send("GET", "/u/nobody-here", null, null), 404, "找不到这位博主");
    assertPage(http.send("GET", "/p/p_doesnotexist", null, null), 404, "找不到这篇文章");
    // A malformed id is refused before any read, as on every API route (issue 10): a 400 page.
    assertPage(http.send("GET", "/p/%3Cscript%3E", null, null), 400, "请求有误");
    assertPage(http.send("GET", "/u/%E2%80%AEevil", null, null), 400, "请求有误");
    assertPage(http.send("GET", "/u/alice?cursor=abc.def", null, null), 400, "分页链接已失效");
    String next = link(http.send("GET", "/u/alice", null, null).body(), "next");
    String tampered = next.replaceFirst("cursor=([A-Za-z0-9_-])", "cursor=X$1");
    assertPage(http.send("GET", tampered, null, null), 400, "分页链接已失效");
    assertPage(http.send("GET", "/u/alice?trail=bad%21&cursor=x.y", null, null), 400, "分页链接已失效");
    assertPage(
        http.send("GET", "/u/alice?lang=xx", null, null, "accept-language", "en"),
        400,
        "Language not available");
    assertPage(http.send("GET", "/u/alice?sort=sideways", null, null), 400, "请求有误");
    assertPage(http.send("GET", "/assets/nothing.js", null, null), 404, "页面不存在");
    assertPage(http.send("GET", "/u/alice/no/such/page", null, null), 404, "页面不存在");
    assertPage(http.send("GET", "/p/p_whatever/comments", null, null), 404, "页面不存在");
  }

  @Test
  void language_followsAcceptLanguage_andTheSwitchRemembersItInACookie() {
    Http.Reply en =
        http.send("GET", "/u/alice", null, null, "accept-language", "en-GB,en;q=0.9,zh;q=0.5");
    assertThat(en.body())
        .contains("<html lang=\"en\"")
        .contains("Posts (45)")
        .contains("China Standard Time (UTC+8)");
    Http.Reply switched = http.send("GET", "/u/alice?lang=en", null, null);
    assertThat(switched.body()).contains("<html lang=\"en\"");
    assertThat(switched.raw().headers().allValues("set-cookie"))
        .anyMatch(c -> c.startsWith("lang=en;"));
    assertThat(http.send("GET", "/u/alice", null, null, "cookie", "lang=en").body())
        .contains("<html lang=\"en\"");
    assertThat(http.send("GET", "/u/alice", null, null).body()).contains("<html lang=\"zh-CN\"");
  }

  @Test
  void assets_areContentHashed_immutable_andTheHomePageStaysWithinBudget() {
    Http.Reply home = http.send("GET", "/u/alice", null, null);
    Matcher css =
        Pattern.compile("href=\"(/assets/site\\.[0-9a-f]{12}\\.css)\"").matcher(home.body());
    assertThat(css.find()).isTrue();
    Http.Reply sheet = http.send("GET", css.group(1), null, null);
    assertThat(sheet.status()).isEqualTo(200);
    assertThat(sheet.raw().headers().firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(sheet.raw().headers().firstValue("content-type"))
        .hasValue("text/css; charset=utf-8");
    long html = home.raw().body().length;
    long bytes = html + sheet.raw().body().length;
    Matcher scripts = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(home.body());
    List<String> seen = new ArrayList<>();
    while (scripts.find()) {
      Http.Reply js = http.send("GET", scripts.group(1), null, null);
      assertThat(js.raw().headers().firstValue("content-type"))
          .hasValue("text/javascript; charset=utf-8");
      bytes += js.raw().body().length;
      seen.add(scripts.group(1));
      // modules import session.js by its hashed name
      Matcher imports =
          Pattern.compile("from '\\./(session\\.[0-9a-f]{12}\\.js)'").matcher(js.body());
      while (imports.find()) {
        bytes += http.send("GET", "/assets/" + imports.group(1), null, null).raw().body().length;
      }
    }
    assertThat(seen).isNotEmpty();
    System.out.println(
        "home page weight (40 posts, uncompressed): "
            + bytes
            + " bytes = HTML "
            + html
            + " + CSS "
            + sheet.raw().body().length
            + " + JS "
            + (bytes - html - sheet.raw().body().length));
    assertThat(bytes).isLessThanOrEqualTo(100 * 1024);
  }

  // ------------------------------------------------------------------ issue 21

  @Test
  void head_isAnsweredAsGetWithoutABody_andOtherMethodsGetA405PageWithAllow() {
    Http.Reply get = http.send("GET", "/u/alice", null, null);
    String post = firstPostHref(get.body());
    Matcher css =
        Pattern.compile("href=\"(/assets/site\\.[0-9a-f]{12}\\.css)\"").matcher(get.body());
    assertThat(css.find()).isTrue();
    for (String path : List.of("/u/alice", post, css.group(1), "/sign-in", "/u/nobody-here")) {
      Http.Reply asGet = http.send("GET", path, null, null);
      Http.Reply head = http.send("HEAD", path, null, null);

      assertThat(head.status()).as(path).isEqualTo(asGet.status());
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.raw().headers().firstValue("content-type"))
          .as(path)
          .isEqualTo(asGet.raw().headers().firstValue("content-type"));
      assertThat(head.raw().headers().firstValue("etag"))
          .as(path)
          .isEqualTo(asGet.raw().headers().firstValue("etag"));
    }
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      Http.Reply refused = http.send(method, "/u/alice", null, null);

      assertPage(refused, 405, "<html");
      assertThat(refused.raw().headers().firstValue("allow")).hasValue("GET, HEAD");
    }
    assertThat(http.send("DELETE", post, null, null).status()).isEqualTo(405);
  }

  @Test
  void theProfileCard_labelsItsPostCount_asWhatItCounts() {
    String home = http.send("GET", "/u/alice", null, null).body();

    // 45 posts, 36 of them originals: the figure is every post, so it is not labelled 原创.
    assertThat(home).contains("<b>45</b><span>文章</span>").doesNotContain("<span>原创</span>");
  }

  @Test
  void aDerivedSummary_isEscapedOnce() {
    String token = author("zoe");
    createPost(token, "zoe", "Entities", "Tags such as &lt;img src=x&gt; &amp; <b>bold</b> here");

    String home = http.send("GET", "/u/zoe", null, null).body();

    assertThat(home)
        .contains("<p>Tags such as &lt;img src=x&gt; &amp; bold here</p>")
        .doesNotContain("&amp;lt;");
  }

  @Test
  void theCommentBox_andTheApi_shareOneLimit() {
    String home = http.send("GET", "/u/alice", null, null).body();
    String post = firstPostHref(home);
    String postId = post.substring("/p/".length());
    String token = system.tokens().mint("lihua", List.of(), Duration.ofMinutes(5));

    assertThat(http.send("GET", post, null, null).body())
        .contains("maxlength=\"" + CommentText.MAX_CODE_POINTS + "\"");
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/comments",
                    token,
                    Map.of("body", "字".repeat(CommentText.MAX_CODE_POINTS + 1)))
                .status())
        .isEqualTo(400);
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/comments",
                    token,
                    Map.of("body", "字".repeat(CommentText.MAX_CODE_POINTS)))
                .status())
        .isEqualTo(201);
  }

  @Test
  void onlyTheParametersAPageKnows_areCopiedIntoItsLinks() {
    StringBuilder query = new StringBuilder("/u/alice?sort=views&junk=" + "j".repeat(60_000));
    for (int i = 0; i < 2_000; i++) {
      query.append("&p").append(i).append("=v");
    }

    Http.Reply reply = http.send("GET", query.toString(), null, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).doesNotContain("junk").doesNotContain("p1999");
    assertThat(reply.body().length())
        .isLessThan(http.send("GET", "/u/alice?sort=views", null, null).body().length() + 100);
    assertThat(reply.body()).contains("href=\"/u/alice?sort=views&amp;lang=en\"");
  }

  @Test
  void overHttps_pagesSendHsts_andTheLanguageCookieIsSecure_andJsonIsNosniff() {
    Http.Reply https =
        http.send("GET", "/u/alice?lang=en", null, null, "x-forwarded-proto", "https");
    Http.Reply plain = http.send("GET", "/u/alice?lang=en", null, null);

    assertThat(https.raw().headers().firstValue("strict-transport-security"))
        .hasValue("max-age=31536000");
    assertThat(https.raw().headers().allValues("set-cookie"))
        .anyMatch(c -> c.startsWith("lang=en;") && c.contains("; Secure"));
    assertThat(plain.raw().headers().firstValue("strict-transport-security")).isEmpty();
    assertThat(plain.raw().headers().allValues("set-cookie"))
        .anyMatch(c -> c.startsWith("lang=en;") && !c.contains("Secure"));
    for (String path : List.of("/users/alice", "/users/alice/posts", "/users/nobody-here")) {
      assertThat(
              http.send("GET", path, null, null)
                  .raw()
                  .headers()
                  .firstValue("x-content-type-options"))
          .as(path)
          .hasValue("nosniff");
    }
  }

  @Test
  void anImageFromAnotherSite_isALink_andTheCspAllowsNoOtherImageHost() {
    String token = author("yan");
    String postId =
        createPost(
            token, "yan", "Pixel", "Look: ![a pixel](https://tracker.example/p.gif) and text.");

    Http.Reply page = http.send("GET", "/p/" + postId, null, null);

    assertThat(page.body())
        .doesNotContain("<img src=\"https://tracker.example")
        .contains(
            "<a href=\"https://tracker.example/p.gif\" rel=\"nofollow ugc noopener\">a pixel</a>");
    String csp = page.raw().headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp).contains("img-src 'self'").doesNotContain("https:;").doesNotContain(" https: ");
  }

  private static String author(String userId) {
    String token = system.tokens().mint(userId, List.of(), Duration.ofMinutes(5));
    assertThat(http.send("PUT", "/users/" + userId, token, Map.of("displayName", userId)).status())
        .isEqualTo(200);
    return token;
  }

  /** A post without a summary (so it is derived); its id. */
  private static String createPost(String token, String userId, String title, String content) {
    Http.Reply created =
        http.send(
            "POST",
            "/users/" + userId + "/posts",
            token,
            Map.of("title", title, "content", content));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return (String) created.json().get("postId");
  }

  private static String firstPostHref(String home) {
    Matcher m = Pattern.compile("href=\"(/p/[^\"]+)\"").matcher(home);
    assertThat(m.find(home.indexOf("class=\"post-list\""))).isTrue();
    return m.group(1);
  }

  private static void assertPage(Http.Reply reply, int status, String text) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.raw().headers().firstValue("content-type"))
        .hasValue("text/html; charset=utf-8");
    assertThat(reply.raw().headers().firstValue("content-security-policy")).isPresent();
    assertThat(reply.body()).contains(text);
  }

  static List<String> titles(String html) {
    Matcher m =
        Pattern.compile(
                "<h2><span class=\"mark [a-z]+\">[^<]+</span><a href=\"/p/[^\"]+\">([^<]*)</a></h2>")
            .matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String link(String html, String rel) {
    Matcher m =
        Pattern.compile("rel=\"" + rel + "\" class=\"[a-z]+\" href=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a " + rel + " link").isTrue();
    return m.group(1).replace("&amp;", "&");
  }
}
