package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import bloghome.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Import and export in the studio, in headless Chromium against the whole local system: a WordPress
 * export and a zip of Markdown files imported with a result for every post, a damaged zip refused
 * with a sentence, and every post of one blogger exported and imported into another account without
 * losing a field.
 */
class TransferBrowserIT {
  static final Path SHOTS = PagesBrowserIT.SHOTS;

  @RegisterExtension static final Browser browser = Browser.chromium();

  @TempDir static Path temp;

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static HostedSignIn hosted;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("transfer", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    hosted = new HostedSignIn(browser, base, system.hostedUi().url());
    for (String user : List.of("wp", "md", "src", "dst", "bad", "zips", "pics", "pics2")) {
      assertThat(
              http.send("PUT", "/users/" + user, token(user), Map.of("displayName", "博主 " + user))
                  .status())
          .isEqualTo(200);
    }
    browser.open(base + "/studio/import?lang=zh-CN");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aWordPressExport_isImportedPostByPost_andImportingItAgainUpdatesInsteadOfDuplicating()
      throws IOException {
    Path wxr = temp.resolve("wordpress-export.xml");
    Files.write(wxr, resource("wordpress-export.xml"));
    signIn("wp");
    importFiles(wxr);
    browser.waitForText("导入完成：新建 3 篇，更新 0 篇，失败 0 篇。");
    assertThat(resultTexts())
        .hasSize(3)
        .anySatisfy(r -> assertThat(r).startsWith("雨后登山").contains("已新建"))
        .anySatisfy(r -> assertThat(r).startsWith("还没写完的游记").contains("已新建"))
        .anySatisfy(r -> assertThat(r).startsWith("只给自己看的日记").contains("已新建"));
    browser.screenshot(SHOTS.resolve("studio-import.png"));

    Map<String, Map<String, Object>> posts = postsBySourceId("wp");
    Map<String, Object> hike = posts.get("https://shanjian.example.org/?p=11");
    assertThat(hike)
        .containsEntry("title", "雨后登山")
        .containsEntry("status", "published")
        .containsEntry("visibility", "public")
        .containsEntry("publishedAt", "2023-04-15T02:30:00.000Z")
        .containsEntry("summary", "雨后的山路和一份装备清单。")
        .containsEntry("tags", List.of("登山", "下雨"))
        .containsEntry("categories", List.of("旅行"));
    assertThat((String) hike.get("content"))
        .contains("雨停以后，山路**很滑**，但是*空气*特别好。")
        .contains("## 准备")
        .contains("- 一件[雨衣](https://gear.example.com/coat)")
        .contains("> 山不在高。")
        .contains("```bash\necho \"出发\"\nls *.jpg\n```")
        .contains("第二天早上又去了一次。  \n第二行紧跟着。")
        .contains("\\[方括号\\]")
        .doesNotContain("<p>")
        .doesNotContain("wp:paragraph");
    assertThat(posts.get("https://shanjian.example.org/?p=12"))
        .containsEntry("status", "draft")
        .containsEntry("categories", List.of());
    assertThat(posts.get("https://shanjian.example.org/?p=13"))
        .containsEntry("status", "published")
        .containsEntry("visibility", "private")
        .containsEntry("categories", List.of("日记"));
    assertThat(posts).hasSize(3);

    // the post as readers see it: rendered from the converted Markdown; the others are not listed
    browser.open(base + "/p/" + hike.get("postId"));
    assertThat(browser.find(".content strong").getText()).isEqualTo("很滑");
    assertThat(browser.find(".content h2").getText()).isEqualTo("准备");
    browser.open(base + "/u/wp");
    assertThat(browser.findAll(".post-row h2 a"))
        .extracting(e -> e.getText())
        .containsExactly("雨后登山");

    browser.open(base + "/studio/import");
    importFiles(wxr);
    browser.waitForText("导入完成：新建 0 篇，更新 3 篇，失败 0 篇。");
    assertThat(postsBySourceId("wp")).hasSize(3);
    assertThat(browser.consoleErrors()).isEmpty();
    signOut();
  }

  @Test
  void aZipOfMarkdownFiles_isImported_withASentenceForEachFileThatCannotBe() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (String name : List.of("first-snow.md", "translated-essay.md", "no-front-matter.md")) {
      entries.put("notes/" + name, resource("markdown/" + name));
    }
    entries.put("notes/gbk.md", "---\ntitle: 旧编码\n---\n正文".getBytes(Charset.forName("GBK")));
    entries.put("notes/readme.txt.bak", "not a post".getBytes(StandardCharsets.UTF_8));
    entries.put(
        "notes/with-image.md",
        "---\ntitle: 带图的笔记\ndate: 2024-11-11\n---\n![雪](images/snow.png)\n"
            .getBytes(StandardCharsets.UTF_8));
    entries.put("notes/images/snow.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Path zip = temp.resolve("notes.zip");
    Files.write(zip, zip(entries));

    signIn("md");
    importFiles(zip);
    waitForStatus("#import-status", "导入完成：新建 3 篇，更新 0 篇，失败 2 篇。", VERDICT);
    assertThat(resultTexts())
        .hasSize(5)
        // four bytes of a PNG signature: the validator refuses it; the post keeps its link
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("notes/with-image.md")
                    .contains("已新建")
                    .contains("图片没有上传：images/snow.png: "))
        .anySatisfy(r -> assertThat(r).startsWith("notes/first-snow.md").contains("已新建"))
        .anySatisfy(r -> assertThat(r).startsWith("notes/translated-essay.md").contains("已新建"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("notes/no-front-matter.md")
                    .contains("失败")
                    .contains("文件开头没有 front matter"))
        .anySatisfy(r -> assertThat(r).startsWith("notes/gbk.md").contains("不是 UTF-8 编码"));

    Map<String, Map<String, Object>> posts = postsBySourceId("md");
    assertThat(posts.get("notes-first-snow"))
        .containsEntry("title", "第一场雪")
        .containsEntry("type", "original")
        .containsEntry("publishedAt", "2024-12-01T00:30:00.000Z")
        .containsEntry("tags", List.of("冬天", "随笔"))
        .containsEntry("categories", List.of("生活"))
        .containsEntry("summary", "早上推开窗，外面全白了。")
        .containsEntry("content", "# 第一场雪\n\n早上推开窗，外面**全白了**。\n\n- 踩雪\n- 堆雪人\n");
    assertThat(posts.get("notes-on-walking"))
        .containsEntry("title", "On Walking: 散步")
        .containsEntry("type", "translated")
        .containsEntry("sourceUrl", "https://essays.example.net/on-walking")
        .containsEntry("tags", List.of("散步", "翻译练习"))
        .containsEntry("summary", "一篇关于散步的短文。\n译文。")
        .containsEntry("publishedAt", "2024-10-20T10:00:00.000Z");

    browser.open(base + "/studio");
    browser.waitUntil(
        "the imported posts",
        () -> browser.showsText("第一场雪") && browser.showsText("On Walking: 散步"));
    browser.open(base + "/u/md");
    assertThat(browser.findAll(".post-row h2 a"))
        .extracting(e -> e.getText())
        .containsExactly("第一场雪", "带图的笔记", "On Walking: 散步");
    signOut();
  }

  @Test
  void aDamagedZip_orAFileThatIsNoZip_getsASentence_andNothingIsImported() throws IOException {
    byte[] good = zip(Map.of("a.md", resource("markdown/first-snow.md")));
    byte[] damaged = good.clone();
    damaged[40] ^= 0x5a; // inside the deflated data: the CRC no longer matches
    Path broken = temp.resolve("damaged.zip");
    Files.write(broken, damaged);
    Path truncated = temp.resolve("truncated.zip");
    Files.write(truncated, Arrays.copyOf(good, good.length / 2));
    Path empty = temp.resolve("empty.md");
    Files.write(empty, new byte[0]);

    signIn("bad");
    importFiles(broken);
    browser.waitForText("导入完成：新建 0 篇，更新 0 篇，失败 1 篇。");
    assertThat(resultTexts()).singleElement().asString().contains("压缩包已损坏，无法读取，没有导入其中任何文章。");
    browser.open(base + "/studio/import");
    importFiles(truncated);
    browser.waitForText("导入完成：新建 0 篇，更新 0 篇，失败 1 篇。");
    assertThat(resultTexts()).singleElement().asString().contains("压缩包已损坏");
    browser.open(base + "/studio/import");
    importFiles(empty);
    browser.waitForText("导入完成：新建 0 篇，更新 0 篇，失败 1 篇。");
    assertThat(resultTexts()).singleElement().asString().contains("这个文件是空的。");
    assertThat(postsBySourceId("bad")).isEmpty();
    assertThat(browser.consoleErrors()).isEmpty();
    signOut();
  }

  @Test
  void zip64AndEncryptedZips_areRefusedWithTheirSentences_whileAStoredZipChosenWithThemIsImported()
      throws IOException {
    byte[] good = zip(Map.of("a.md", "---\ntitle: 加密的\n---\n正文".getBytes(StandardCharsets.UTF_8)));
    byte[] encrypted = good.clone();
    ByteBuffer view = ByteBuffer.wrap(encrypted).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= encrypted.length; i++) {
      int sig = view.getInt(i);
      if (sig == 0x04034b50) {
        view.putShort(i + 6, (short) (view.getShort(i + 6) | 1));
      } else if (sig == 0x02014b50) {
        view.putShort(i + 8, (short) (view.getShort(i + 8) | 1));
      }
    }
    byte[] zip64 = good.clone();
    // a zip64 archive marks its end record's counts as 0xFFFF
    ByteBuffer end = ByteBuffer.wrap(zip64).order(ByteOrder.LITTLE_ENDIAN);
    end.putShort(zip64.length - 22 + 8, (short) 0xffff)
        .putShort(zip64.length - 22 + 10, (short) 0xffff);
    byte[] text = "---\ntitle: 不压缩的 zip\nid: stored-1\n---\n存储方式".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream stored = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      ZipEntry entry = new ZipEntry("stored.md");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(text.length);
      CRC32 crc = new CRC32();
      crc.update(text);
      entry.setCrc(crc.getValue());
      stored.putNextEntry(entry);
      stored.write(text);
      stored.closeEntry();
    }
    Path a = temp.resolve("encrypted.zip");
    Path b = temp.resolve("zip64.zip");
    Path c = temp.resolve("stored.zip");
    Files.write(a, encrypted);
    Files.write(b, zip64);
    Files.write(c, out.toByteArray());

    signIn("zips");
    browser.find("#transfer");
    browser.find("#import-files").sendKeys(a + "\n" + b + "\n" + c);
    browser.click("#import-start");
    browser.waitForText("导入完成：新建 1 篇，更新 0 篇，失败 2 篇。");
    assertThat(resultTexts())
        .anySatisfy(r -> assertThat(r).startsWith("encrypted.zip").contains("压缩包里有加密的文件"))
        .anySatisfy(r -> assertThat(r).startsWith("zip64.zip").contains("zip64 格式"))
        .anySatisfy(r -> assertThat(r).startsWith("stored.md").contains("已新建"));
    assertThat(postsBySourceId("zips").get("stored-1")).containsEntry("content", "存储方式");
    signOut();
  }

  @Test
  void everyPost_isExportedAsMarkdownInAZip_andImportedIntoAnotherAccountWithoutLosingAField()
      throws IOException {
    String publishAt =
        Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    List<Map<String, Object>> bodies = new ArrayList<>();
    bodies.add(
        post("公开的原创", "# 标题\n\n正文 **粗体**，`code`，还有 --- 一条线\n\n---\n\nfront: matter?\n")
            .with("summary", "手写的摘要：带冒号、\"引号\"和 # 井号")
            .with("tags", List.of("a, b", "中文标签"))
            .with("categories", List.of("技术", "生活")));
    bodies.add(
        post("转载的一篇", "转载正文\n")
            .with("type", "repost")
            .with("sourceUrl", "https://elsewhere.example.com/a?b=1&c=%E4%B8%AD#top"));
    bodies.add(
        post("草稿", "还没写完")
            .with("status", "draft")
            .with("type", "translated")
            .with("sourceUrl", "https://t.example/x"));
    bodies.add(post("只有我能看", "私密\t内容\n\n").with("visibility", "private"));
    bodies.add(post("粉丝可见", "给粉丝").with("visibility", "followers"));
    bodies.add(post("定时发布", "以后再见").with("status", "scheduled").with("publishAt", publishAt));
    bodies.add(post("带图片", "看图：\n\n![图标](/assets/" + iconName() + ")\n"));
    for (Map<String, Object> body : bodies) {
      Http.Reply reply = http.send("POST", "/users/src/posts", token("src"), body);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
    Map<String, Object> old =
        post("从别处搬来的", "旧文章")
            .with("sourceId", "old-blog-7")
            .with("publishedAt", "2019-03-04T05:06:07.000Z")
            .with("views", 42L)
            .with("likes", 3L)
            .with("favorites", 2L);
    assertThat(
            http.send(
                    "POST", "/users/src/posts/import", token("src"), Map.of("posts", List.of(old)))
                .status())
        .isEqualTo(200);

    signIn("src");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript(
        "window.__exports = []; const made = URL.createObjectURL.bind(URL);"
            + " URL.createObjectURL = b => { window.__exports.push(b); return made(b); };");
    browser.click("#export-start");
    // eight reads and an image, from a local stack whose functions start cold under load
    waitForStatus("#export-status", "已导出 8 篇文章、1 张图片");
    browser.screenshot(SHOTS.resolve("studio-export.png"));
    String b64 =
        (String)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const r = new FileReader();"
                    + " r.onload = () => done(r.result.split(',')[1]);"
                    + " r.readAsDataURL(window.__exports[window.__exports.length - 1]);");
    byte[] zipBytes = Base64.getDecoder().decode(b64);
    Map<String, byte[]> files = unzip(zipBytes);
    assertThat(files.keySet().stream().filter(n -> n.endsWith(".md"))).hasSize(8);
    assertThat(files.keySet()).anyMatch(n -> n.startsWith("images/icon."));
    String withImage =
        files.entrySet().stream()
            .filter(
                e -> new String(e.getValue(), StandardCharsets.UTF_8).contains("title: \"带图片\""))
            .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    assertThat(withImage).contains("![图标](images/icon.").contains("images: [\"images/icon.");
    Path exported = temp.resolve("export.zip");
    Files.write(exported, zipBytes);
    signOut();

    signIn("dst");
    importFiles(exported);
    waitForStatus("#import-status", "导入完成：新建 8 篇，更新 0 篇，失败 0 篇。");
    assertThat(browser.text()).contains("已按原来的时间重新定时").doesNotContain("本站还不能上传文章图片");

    Map<String, Map<String, Object>> before = new HashMap<>();
    for (Map<String, Object> p : studioPosts("src")) {
      before.put(
          p.containsKey("sourceId") ? (String) p.get("sourceId") : (String) p.get("postId"), p);
    }
    Map<String, Map<String, Object>> after = postsBySourceId("dst");
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
    for (Map.Entry<String, Map<String, Object>> e : before.entrySet()) {
      Map<String, Object> a = e.getValue();
      Map<String, Object> b = after.get(e.getKey());
      for (String field :
          List.of(
              "type",
              "title",
              "summary",
              "sourceUrl",
              "tags",
              "categories",
              "status",
              "visibility",
              "publishAt",
              "publishedAt",
              "views",
              "likes",
              "favorites")) {
        assertThat(b.get(field)).as(a.get("title") + " " + field).isEqualTo(a.get(field));
      }
      assertThat(b.get("content")).as(a.get("title") + " content").isEqualTo(a.get("content"));
    }
    signOut();

    // the same export imported back into its own account updates, never copies
    signIn("src");
    importFiles(exported);
    waitForStatus("#import-status", "导入完成：新建 0 篇，更新 8 篇，失败 0 篇。");
    List<Map<String, Object>> again = studioPosts("src");
    assertThat(again).hasSize(8);
    for (Map<String, Object> p : again) {
      Map<String, Object> was =
          before.get(
              p.containsKey("sourceId") ? (String) p.get("sourceId") : (String) p.get("postId"));
      for (String field :
          List.of("title", "status", "visibility", "publishAt", "publishedAt", "tags")) {
        assertThat(p.get(field)).as(p.get("title") + " " + field).isEqualTo(was.get(field));
      }
    }
    signOut();
  }

  @Test
  void aZipsImages_areUploadedAndLinked_aBadOneOnlyWarns_andAnExportCarriesThemToAnotherAccount()
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(
        "trip/with-images.md",
        ("---\ntitle: 带图的游记\nid: trip-1\ndate: 2024-06-01\n---\n开头。\n\n"
                + "![猫](images/cat.png \"一只猫\")\n\n![坏图](images/bad.png)\n\n"
                + "![动图](./images/anim.gif)\n\n又是猫：![猫](images/cat.png)\n")
            .getBytes(StandardCharsets.UTF_8));
    entries.put("trip/images/cat.png", TestImages.png(1200, 800));
    entries.put(
        "trip/images/bad.png",
        TestImages.concat(TestImages.png(300, 200), "hidden zip".getBytes(StandardCharsets.UTF_8)));
    entries.put("trip/images/anim.gif", TestImages.gif(TestImages.gradient(20, 10)));
    Path zip = temp.resolve("trip.zip");
    Files.write(zip, zip(entries));

    signIn("pics");
    importFiles(zip);
    waitForStatus("#import-status", "导入完成：新建 1 篇，更新 0 篇，失败 0 篇。", VERDICT);
    assertThat(resultTexts())
        .singleElement()
        .asString()
        .startsWith("trip/with-images.md")
        .contains("已新建")
        .contains("图片没有上传：images/bad.png: 图片结尾处夹带了多余的数据，请重新导出后再上传。")
        .contains("图片没有上传：./images/anim.gif: 只支持 PNG 和 JPG 图片（根据文件内容判断）。")
        .doesNotContain("images/cat.png");
    Map<String, Object> post = postsBySourceId("pics").get("trip-1");
    String content = (String) post.get("content");
    String media = base + "/_local/media/media/pics/im_";
    assertThat(content)
        .contains("![猫](" + media)
        .contains("/1200x800/1200.png \"一只猫\")")
        .contains("![坏图](images/bad.png)")
        .contains("![动图](./images/anim.gif)");
    String src =
        content.substring(
            content.indexOf(media), content.indexOf("/1200.png") + "/1200.png".length());
    assertThat(content).contains("又是猫：![猫](" + src + ")"); // uploaded once, linked twice
    assertShowsImage("/p/" + post.get("postId"), src);

    // exported with its image, imported into another account: the link goes back to the same copy
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript(
        "window.__exports = []; const made = URL.createObjectURL.bind(URL);"
            + " URL.createObjectURL = b => { window.__exports.push(b); return made(b); };");
    browser.click("#export-start");
    waitForStatus("#export-status", "已导出 1 篇文章、1 张图片");
    String b64 =
        (String)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const r = new FileReader();"
                    + " r.onload = () => done(r.result.split(',')[1]);"
                    + " r.readAsDataURL(window.__exports[window.__exports.length - 1]);");
    byte[] exported = Base64.getDecoder().decode(b64);
    Map<String, byte[]> files = unzip(exported);
    assertThat(files).containsKey("images/1200.png");
    Path moved = temp.resolve("pics-export.zip");
    Files.write(moved, exported);
    signOut();

    signIn("pics2");
    importFiles(moved);
    waitForStatus("#import-status", "导入完成：新建 1 篇，更新 0 篇，失败 0 篇。", VERDICT);
    Map<String, Object> copy = postsBySourceId("pics2").get("trip-1");
    // the media copies are public and immutable: the other account's post links the first's
    assertThat(copy.get("content")).isEqualTo(content);
    assertShowsImage("/p/" + copy.get("postId"), src);
    signOut();
  }

  // ------------------------------------------------------------------ helpers

  /** The validator's first run starts a JVM and loads ImageIO; the importer waits for verdicts. */
  private static final Duration VERDICT = Duration.ofSeconds(150);

  private static void assertShowsImage(String page, String src) {
    browser.open(base + page);
    WebElement img = browser.find(".content img[srcset]");
    assertThat(img.getDomAttribute("src")).isEqualTo(src);
    assertThat(img.getDomAttribute("width")).isEqualTo("1200");
    assertThat(img.getDomAttribute("height")).isEqualTo("800");
    assertThat(img.getDomAttribute("alt")).isEqualTo("猫");
    assertThat(img.getDomAttribute("srcset"))
        .contains("/480.png 480w")
        .contains("/960.png 960w")
        .contains("/1200.png 1200w");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    js.executeScript("arguments[0].scrollIntoView()", img);
    browser.waitUntil(
        "the image loaded",
        () -> ((Number) js.executeScript("return arguments[0].naturalWidth", img)).intValue() > 0);
    browser.open(base + "/studio/import");
  }

  /** A post body that reads as a chain of fields. */
  private static final class Body extends LinkedHashMap<String, Object> {
    Body with(String key, Object value) {
      put(key, value);
      return this;
    }
  }

  private static Body post(String title, String content) {
    Body body = new Body();
    body.put("title", title);
    body.put("content", content);
    return body;
  }

  private static String iconName() {
    Http.Reply page = http.send("GET", "/studio/import", null, null);
    String html = page.body();
    int at = html.indexOf("/assets/icon.");
    return html.substring(at + "/assets/".length(), html.indexOf('"', at));
  }

  private static void waitForStatus(String css, String text) {
    waitForStatus(css, text, Duration.ofSeconds(90));
  }

  private static void waitForStatus(String css, String text, Duration wait) {
    browser.waitUntil(
        css + " saying " + text,
        wait,
        () -> Optional.of(browser.find(css).getText()).filter(t -> t.contains(text)));
  }

  private static void importFiles(Path file) {
    browser.find("#transfer");
    browser.upload("#import-files", file);
    browser.click("#import-start");
  }

  private static List<String> resultTexts() {
    return browser.findAll("#import-results li").stream().map(e -> e.getText()).toList();
  }

  private static List<Map<String, Object>> studioPosts(String user) {
    List<Map<String, Object>> out = new ArrayList<>();
    Http.Reply list = http.send("GET", "/studio/posts?limit=50", token(user), null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) list.json().get("items");
    for (Map<String, Object> item : items) {
      Http.Reply one = http.send("GET", "/studio/posts/" + item.get("postId"), token(user), null);
      assertThat(one.status()).isEqualTo(200);
      out.add(one.json());
    }
    return out;
  }

  private static Map<String, Map<String, Object>> postsBySourceId(String user) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Map<String, Object> p : studioPosts(user)) {
      out.put((String) p.get("sourceId"), p);
    }
    return out;
  }

  private static byte[] resource(String name) {
    try (InputStream in = TransferBrowserIT.class.getResourceAsStream("/transfer/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        out.put(e.getName(), zip.readAllBytes());
      }
    }
    return out;
  }

  private static String token(String user) {
    return system.tokens().mint(user, List.of(), Duration.ofMinutes(30));
  }

  /** Signs in through the site's sign-in and the local hosted UI, and lands on the import page. */
  private static void signIn(String user) {
    hosted.signIn(user, false, "/studio/import");
  }

  private static void signOut() {
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }
}
