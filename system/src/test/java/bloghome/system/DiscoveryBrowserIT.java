package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue 20's discovery pages read with JavaScript off in headless Chromium against the whole local
 * system: the sidebar, category, tag and archive pages, the post page's links and head data; and
 * the feeds, sitemaps and robots.txt parsed as XML (not matched as strings).
 */
class DiscoveryBrowserIT {
  static final String RSS_CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

  /** 45 posts a day apart from 2023-01-01 15:02 (China time): 31 in January, 14 in February. */
  static final Instant FIRST = Instant.parse("2023-01-01T07:02:10Z");

  static final List<String> CATEGORIES = List.of("缓存", "队列", "一致性");
  static final String HOSTILE_TITLE = "<b>Tom & \"Jerry\"</b> ]]> 标题";

  @RegisterExtension static final Browser noScript = Browser.withoutJavaScript();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("discovery", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    token = system.tokens().mint("dora", List.of(), Duration.ofMinutes(30));
    assertThat(
            http.send("PUT", "/users/dora", token, Map.of("displayName", "Dora 李", "bio", "队列笔记"))
                .status())
        .isEqualTo(200);
    List<Map<String, Object>> posts = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "d-" + i);
      p.put("title", title(i));
      p.put("content", "## 第 " + i + " 篇\n\n正文 <script>x</script> & **加粗**。\n");
      p.put("publishedAt", FIRST.plus(Duration.ofDays(i)).toString());
      p.put("views", 100 + i * 10L);
      p.put("categories", List.of(CATEGORIES.get(i % 3)));
      p.put("tags", i % 2 == 0 ? List.of("全部", "偶数") : List.of("全部"));
      posts.add(p);
    }
    Http.Reply imported =
        http.send("POST", "/users/dora/posts/import", token, Map.of("posts", posts));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    Http.Reply order =
        http.send(
            "PUT",
            "/users/dora/categories",
            token,
            Map.of("categories", List.of("一致性", "队列", "缓存"), "feedFullText", true));
    assertThat(order.status()).as(order.body()).isEqualTo(200);
    noScript.open(base + "/u/dora?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  static String title(int i) {
    return i == 44 ? HOSTILE_TITLE : "第 " + i + " 篇：缓存与一致性";
  }

  @Test
  void sidebar_onTheHomePage_showsCategoriesInTheAuthorsOrder_archive_hotPosts_andTags() {
    noScript.open(base + "/u/dora");
    assertThat(rows(".side-list.categories li")).containsExactly("一致性|15", "队列|15", "缓存|15");
    assertThat(rows(".side-list.archive li")).containsExactly("2023年2月|14 篇", "2023年1月|31 篇");
    List<WebElement> hot = noScript.findAll(".side-list.hot li a");
    assertThat(hot).hasSize(5);
    assertThat(hot.getFirst().getText()).isEqualTo(HOSTILE_TITLE);
    assertThat(noScript.text()).contains("全部 45", "偶数 23");
  }

  @Test
  void categoryPage_listsItsPostsNewestFirst_withTheExactCount() {
    noScript.open(base + "/u/dora");
    noScript.clickText("队列").waitForText("分类：队列");
    assertThat(noScript.url()).endsWith("/u/dora/category/%E9%98%9F%E5%88%97");
    assertThat(noScript.find(".total").getText()).startsWith("共 15 篇");
    List<WebElement> rows = noScript.findAll(".post-row h2 a");
    assertThat(rows).hasSize(15);
    assertThat(rows.getFirst().getText()).isEqualTo(title(43));
    assertThat(rows.getLast().getText()).isEqualTo(title(1));
    assertThat(noScript.findAll(".pager a")).isEmpty();
  }

  @Test
  void tagPage_pagesLikeTheHomePage_40ThenTheOther5() {
    noScript.open(base + "/u/dora/tag/%E5%85%A8%E9%83%A8");
    assertThat(noScript.find("h1").getText()).isEqualTo("标签：全部");
    assertThat(noScript.findAll(".post-row")).hasSize(40);
    noScript.clickText("下一页").waitForText("第 2 页");
    assertThat(noScript.findAll(".post-row")).hasSize(5);
    assertThat(noScript.find(".page-number").getText()).isEqualTo("第 2 页 · 共 45 篇");
    noScript.clickText("上一页").waitForText("第 1 页");
    assertThat(noScript.findAll(".post-row")).hasSize(40);
  }

  /**
   * Another blog, so that dora's counts stay: three posts of one category imported with views that
   * do not follow their dates, two of them equal until a reader's view, which reaches the page
   * through the views aggregator and EntryRanksFunction (the table stream, as deployed).
   */
  @Test
  void categoryPage_sortedByViews_withoutJavaScript_followsCountedViews() {
    String erin = system.tokens().mint("erin", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/erin", erin, Map.of("displayName", "Erin")).status())
        .isEqualTo(200);
    List<Map<String, Object>> posts = new ArrayList<>();
    String[] titles = {"旧而热门", "中间", "最新"};
    long[] views = {500, 7, 7};
    for (int i = 0; i < 3; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "e-" + i);
      p.put("title", titles[i]);
      p.put("content", "正文 " + i);
      p.put("publishedAt", FIRST.plus(Duration.ofDays(i)).toString());
      p.put("views", views[i]);
      p.put("categories", List.of("排行"));
      posts.add(p);
    }
    Http.Reply imported =
        http.send("POST", "/users/erin/posts/import", erin, Map.of("posts", posts));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) imported.json().get("results");
    String middle = (String) results.get(1).get("postId");

    String category = base + "/u/erin/category/%E6%8E%92%E8%A1%8C";
    noScript.open(category);
    assertThat(noScript.find("h1").getText()).as(noScript.text()).isEqualTo("分类：排行");
    assertThat(titles()).containsExactly("最新", "中间", "旧而热门");
    noScript.clickText("按访问量").waitForUrl("sort=views");
    assertThat(noScript.find(".sorts .current a").getText()).isEqualTo("按访问量");
    assertThat(noScript.find(".total").getText()).startsWith("共 3 篇");
    // Equal views: the newer first (the home page's tie rule).
    assertThat(titles()).containsExactly("旧而热门", "最新", "中间");
    // The canonical URL names the order, as the home page's does (each order is its own page).
    assertThat(canonical(noScript)).isEqualTo(category + "?sort=views&lang=zh-CN");

    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    Http.Reply view =
        http.send(
            "POST",
            "/posts/" + middle + "/views",
            null,
            null,
            "user-agent",
            firefox,
            "x-forwarded-for",
            "203.0.113.77");
    assertThat(view.json()).containsEntry("counted", true);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> order = List.of();
    while (System.nanoTime() < deadline) {
      // A new query string each time: the page is cached like every reader page.
      noScript.open(category + "?sort=views&n=" + System.nanoTime());
      order = titles();
      if (order.equals(List.of("旧而热门", "中间", "最新"))) {
        break;
      }
      sleep(500);
    }
    assertThat(order).containsExactly("旧而热门", "中间", "最新");
    noScript.clickText("按最后发布时间").waitForText("分类：排行");
    assertThat(titles()).containsExactly("最新", "中间", "旧而热门");
  }

  private static List<String> titles() {
    return noScript.findAll(".post-row h2 a").stream().map(WebElement::getText).toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * On a phone the 40 cards come after the sidebar, out of view: the stylesheet leaves their layout
   * until they scroll near (content-visibility, issue 20). They are still read, found and followed
   * like the others.
   */
  @Test
  void homePage_onAPhone_cardsOutOfView_areStillReadAndFollowed() {
    noScript.driver().manage().window().setSize(new Dimension(412, 823));
    try {
      noScript.open(base + "/u/dora");
      List<WebElement> cards = noScript.findAll(".post-row");
      assertThat(cards).hasSize(40);
      WebElement last = cards.getLast();
      assertThat(last.getCssValue("content-visibility")).isEqualTo("auto");
      WebElement link = last.findElement(By.cssSelector("h2 a"));
      String title = link.getText();
      assertThat(title).startsWith("第 ").endsWith(" 篇：缓存与一致性");
      link.click();
      noScript.waitForUrl("/p/");
      assertThat(noScript.find("h1").getText()).contains(title);
    } finally {
      noScript.driver().manage().window().setSize(new Dimension(1280, 900));
    }
  }

  @Test
  void archivePage_holdsTheMonthInChinaTime() {
    noScript.open(base + "/u/dora");
    noScript.clickText("2023年2月").waitForText("2023年2月归档");
    assertThat(noScript.findAll(".post-row")).hasSize(14);
    assertThat(noScript.find(".post-row time").getText()).startsWith("2023-02-14");
    noScript.open(base + "/u/dora/archive/2023-13");
    assertThat(noScript.title()).contains("404");
  }

  @Test
  void postPage_linksItsTagsAndCategory_hasTheSidebar_andHeadDataForCrawlers() {
    noScript.open(base + "/u/dora/category/%E7%BC%93%E5%AD%98");
    noScript.clickText(title(42)).waitForText("分类专栏：");
    assertThat(noScript.findAll(".post .tags a"))
        .extracting(WebElement::getText)
        .containsExactly("#全部", "#偶数");
    assertThat(noScript.findAll(".post-side .side-list.categories li")).hasSize(3);

    String postUrl = noScript.url();
    assertThat(canonical(noScript)).isEqualTo(postUrl.replaceAll("\\?.*", "") + "?lang=zh-CN");
    assertThat(URI.create(canonical(noScript)).isAbsolute()).isTrue();
    assertThat(noScript.findAll("link[rel=alternate][hreflang]"))
        .extracting(e -> e.getAttribute("hreflang"))
        .containsExactly("zh-CN", "en", "x-default");
    assertThat(noScript.find("meta[property='og:type']").getAttribute("content"))
        .isEqualTo("article");
    Map<String, Map<String, Object>> ld = jsonLd(noScript);
    Map<String, Object> posting = ld.get("BlogPosting");
    assertThat(posting).containsEntry("headline", title(42)).containsEntry("keywords", "全部, 偶数");
    assertThat(OffsetDateTime.parse((String) posting.get("datePublished")).toInstant())
        .isEqualTo(FIRST.plus(Duration.ofDays(42)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> crumbs =
        (List<Map<String, Object>>) ld.get("BreadcrumbList").get("itemListElement");
    assertThat(crumbs).hasSize(2);
    assertThat(crumbs.get(1)).containsEntry("name", title(42)).containsEntry("position", 2L);

    noScript.clickText("#偶数").waitForText("标签：偶数");
    assertThat(noScript.find(".total").getText()).startsWith("共 23 篇");
  }

  @Test
  void homePage_isAProfilePage_forCrawlers_withItsFeedAdvertised() {
    noScript.open(base + "/u/dora?lang=en");
    Map<String, Map<String, Object>> ld = jsonLd(noScript);
    assertThat(ld).containsKeys("ProfilePage", "BreadcrumbList");
    @SuppressWarnings("unchecked")
    Map<String, Object> person = (Map<String, Object>) ld.get("ProfilePage").get("mainEntity");
    assertThat(person).containsEntry("name", "Dora 李").containsEntry("identifier", "dora");
    assertThat(canonical(noScript)).endsWith("/u/dora?lang=en");
    assertThat(noScript.find("link[type='application/rss+xml']").getAttribute("href"))
        .isEqualTo(base + "/u/dora/feed.xml");
    noScript.open(base + "/u/dora?lang=zh-CN");
  }

  @Test
  void feeds_areRss2_withAbsoluteLinks_rfc822Dates_escapedText_andFullText() throws Exception {
    for (String path :
        List.of(
            "/u/dora/feed.xml",
            "/u/dora/category/%E7%BC%93%E5%AD%98/feed.xml",
            "/u/dora/tag/%E5%85%A8%E9%83%A8/feed.xml")) {
      Http.Reply reply = http.send("GET", base + path, null, null);
      assertThat(reply.status()).as(path).isEqualTo(200);
      assertThat(reply.raw().headers().firstValue("content-type").orElseThrow())
          .startsWith("application/rss+xml");
      assertThat(reply.raw().headers().firstValue("cache-control").orElseThrow())
          .contains("public");
      Document doc = parse(reply.body());
      Element rss = doc.getDocumentElement();
      assertThat(rss.getTagName()).isEqualTo("rss");
      assertThat(rss.getAttribute("version")).isEqualTo("2.0");
      Element channel = only(rss, "channel");
      for (String required : List.of("title", "link", "description")) {
        assertThat(text(channel, required)).as(path + " channel " + required).isNotBlank();
      }
      assertThat(URI.create(text(channel, "link")).isAbsolute()).isTrue();
      List<Element> items = children(channel, "item");
      assertThat(items).as(path).hasSize(path.contains("category") ? 15 : 20);
      Instant previous = Instant.MAX;
      for (Element item : items) {
        assertThat(text(item, "title")).isNotBlank();
        URI link = URI.create(text(item, "link"));
        assertThat(link.isAbsolute()).isTrue();
        assertThat(text(item, "guid")).isEqualTo(link.toString());
        Instant published =
            ZonedDateTime.parse(text(item, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(published).isBefore(previous);
        previous = published;
        NodeList encoded = item.getElementsByTagNameNS(RSS_CONTENT, "encoded");
        assertThat(encoded.getLength()).isEqualTo(1);
        assertThat(encoded.item(0).getTextContent()).contains("<h2").doesNotContain("<script>");
      }
      if (!path.contains("category")) {
        assertThat(text(items.getFirst(), "title")).isEqualTo(HOSTILE_TITLE);
      }
    }
    assertThat(http.send("GET", base + "/u/dora/archive/2023-01/feed.xml", null, null).status())
        .isEqualTo(404);
  }

  @Test
  void sitemaps_indexEveryBlogsParts_withAbsoluteUrls_andEveryListedPage() throws Exception {
    Document index = parse(http.send("GET", base + "/sitemap.xml", null, null).body());
    Element root = index.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("sitemapindex");
    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP_NS);
    List<String> sitemaps = new ArrayList<>();
    for (Element sitemap : childrenNs(root, "sitemap")) {
      sitemaps.add(textNs(sitemap, "loc"));
    }
    assertThat(sitemaps)
        .contains(base + "/u/dora/sitemap.xml", base + "/u/dora/sitemap-2.xml")
        .allMatch(u -> URI.create(u).isAbsolute());

    List<String> pages = locs(base + "/u/dora/sitemap.xml");
    assertThat(pages)
        .contains(
            base + "/u/dora",
            base + "/u/dora/category/%E7%BC%93%E5%AD%98",
            base + "/u/dora/tag/%E5%85%A8%E9%83%A8",
            base + "/u/dora/archive/2023-02")
        .hasSize(1 + 3 + 2 + 2);
    List<String> posts = locs(base + "/u/dora/sitemap-2.xml");
    assertThat(posts)
        .hasSize(45)
        .allMatch(u -> u.startsWith(base + "/p/p_"))
        .doesNotHaveDuplicates();
    assertThat(http.send("GET", base + "/u/dora/sitemap-3.xml", null, null).status())
        .isEqualTo(404);

    Http.Reply robots = http.send("GET", base + "/robots.txt", null, null);
    assertThat(robots.status()).isEqualTo(200);
    assertThat(robots.body().lines())
        .contains("User-agent: *", "Sitemap: " + base + "/sitemap.xml");
  }

  @Test
  void deletingAPost_takesItOutOfItsCategoryTagsMonthFeedAndSitemap() throws Exception {
    Map<String, Object> created =
        http.send(
                "POST",
                "/users/dora/posts",
                token,
                Map.of(
                    "title",
                    "转瞬即逝",
                    "content",
                    "很快删除",
                    "categories",
                    List.of("临时"),
                    "tags",
                    List.of("全部")))
            .json();
    String postId = (String) created.get("postId");
    noScript.open(base + "/u/dora/category/%E4%B8%B4%E6%97%B6");
    assertThat(noScript.find(".total").getText()).startsWith("共 1 篇");
    assertThat(locs(base + "/u/dora/sitemap-2.xml")).contains(base + "/p/" + postId);

    assertThat(http.send("DELETE", "/posts/" + postId, token, null).status()).isEqualTo(204);
    // A new address: the browser may keep a public page for a minute (Cache-Control).
    noScript.open(base + "/u/dora/category/%E4%B8%B4%E6%97%B6?after=delete");
    assertThat(noScript.find(".total").getText()).startsWith("共 0 篇");
    noScript.open(base + "/u/dora/tag/%E5%85%A8%E9%83%A8?after=delete");
    assertThat(noScript.find(".total").getText()).startsWith("共 45 篇");
    assertThat(locs(base + "/u/dora/sitemap-2.xml")).doesNotContain(base + "/p/" + postId);
    Document feed = parse(http.send("GET", base + "/u/dora/feed.xml", null, null).body());
    assertThat(feed.getDocumentElement().getTextContent()).doesNotContain("转瞬即逝");
  }

  @Test
  void recentComments_inTheSidebar_followCommentWrites() {
    String postId =
        locsUnchecked(base + "/u/dora/sitemap-2.xml").getFirst().replaceAll(".*/p/", "");
    String reader = system.tokens().mint("erin", List.of(), Duration.ofMinutes(30));
    Http.Reply posted =
        http.send(
            "POST", "/posts/" + postId + "/comments", reader, Map.of("body", "写得好 <i>真的</i>\n第二行"));
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    String commentId = (String) posted.json().get("commentId");

    noScript.open(base + "/u/dora?after=comment");
    assertThat(noScript.find(".recent-comments li").getText())
        .contains("erin", "写得好 <i>真的</i> 第二行");
    assertThat(noScript.find(".recent-comments a").getAttribute("href"))
        .endsWith("/p/" + postId + "#comments");

    assertThat(http.send("DELETE", "/comments/" + commentId, reader, null).status()).isEqualTo(204);
    noScript.open(base + "/u/dora?after=uncomment");
    assertThat(noScript.findAll(".recent-comments li")).isEmpty();
  }

  @Test
  void followingTab_listsWhomTheBloggerFollows_withoutJavaScript() {
    for (String user : List.of("fay", "gus")) {
      String t = system.tokens().mint(user, List.of(), Duration.ofMinutes(5));
      assertThat(http.send("PUT", "/users/" + user, t, Map.of("displayName", user)).status())
          .isEqualTo(200);
      assertThat(http.send("PUT", "/users/" + user + "/follow", token, null).status())
          .isBetween(200, 204);
    }
    noScript.open(base + "/u/dora?after=follow");
    noScript.clickText("关注(2)").waitForUrl("/u/dora/following");
    assertThat(noScript.findAll(".following li a"))
        .extracting(WebElement::getText)
        .containsExactly("gus", "fay");
    noScript.clickText("gus").waitForUrl("/u/gus");
  }

  // ------------------------------------------------------------ helpers

  private static List<String> locsUnchecked(String url) {
    try {
      return locs(url);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each sidebar row as "link|count". */
  private static List<String> rows(String css) {
    return noScript.findAll(css).stream()
        .map(
            li ->
                li.findElement(By.tagName("a")).getText()
                    + "|"
                    + li.findElement(By.className("count")).getText())
        .toList();
  }

  private static List<String> locs(String url) throws Exception {
    Http.Reply reply = http.send("GET", url, null, null);
    assertThat(reply.status()).as(url).isEqualTo(200);
    Element root = parse(reply.body()).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("urlset");
    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP_NS);
    List<String> locs = new ArrayList<>();
    for (Element entry : childrenNs(root, "url")) {
      String loc = textNs(entry, "loc");
      assertThat(URI.create(loc).isAbsolute()).as(loc).isTrue();
      assertThat(loc.length()).isLessThan(2048);
      NodeList lastmod = entry.getElementsByTagNameNS(SITEMAP_NS, "lastmod");
      if (lastmod.getLength() > 0) {
        OffsetDateTime.parse(lastmod.item(0).getTextContent()); // W3C Datetime
      }
      locs.add(loc);
    }
    return locs;
  }

  private static String canonical(Browser b) {
    return b.find("link[rel=canonical]").getAttribute("href");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jsonLd(Browser b) {
    Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
    for (WebElement script : b.findAll("script[type='application/ld+json']")) {
      Map<String, Object> ld = (Map<String, Object>) Json.parse(script.getAttribute("textContent"));
      assertThat(ld).containsEntry("@context", "https://schema.org");
      byType.put((String) ld.get("@type"), ld);
    }
    return byType;
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element only(Element parent, String name) {
    List<Element> found = children(parent, name);
    assertThat(found).as(name).hasSize(1);
    return found.getFirst();
  }

  private static String text(Element parent, String name) {
    return only(parent, name).getTextContent();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getNamespaceURI() == null && e.getLocalName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static List<Element> childrenNs(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && SITEMAP_NS.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String textNs(Element parent, String name) {
    List<Element> found = childrenNs(parent, name);
    assertThat(found).as(name).hasSize(1);
    return found.getFirst().getTextContent();
  }
}
