package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
  private final Markdown markdown = new Markdown();

  @Test
  void rawHtml_isShownAsText() {
    assertThat(markdown.toHtml("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)>"))
        .doesNotContain("<script")
        .doesNotContain("<img")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void dangerousLinks_areUnlinked_keepingTheirText() {
    String html =
        markdown.toHtml(
            "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](java\tscript:x) [d](data:text/html,x) [e](vbscript:x) "
                + "[f](&#106;avascript:x) [g](<java\nscript:x>) ![h](data:image/png;base64,AA)");
    // c and g are not links in CommonMark at all (whitespace in the target): they stay text
    assertThat(html)
        .doesNotContain("<a ")
        .doesNotContain("<img")
        .doesNotContain("href")
        .doesNotContain("src=")
        .doesNotContain("data:")
        .contains("<p>a b ")
        .contains(" d e f ")
        .contains(" h</p>");
  }

  @Test
  void allowedLinks_stay_andExternalOnesGetNofollowUgcNoopener() {
    String html =
        markdown.toHtml(
            "[x](https://example.org/a?b=1:2) [y](/p/p_1) [z](mailto:a@example.org) [w](#top)");
    assertThat(html)
        .contains("<a href=\"https://example.org/a?b=1:2\" rel=\"nofollow ugc noopener\">x</a>")
        .contains("<a href=\"/p/p_1\">y</a>")
        .contains("<a href=\"mailto:a@example.org\">z</a>")
        .contains("<a href=\"#top\">w</a>");
  }

  @Test
  void isAllowed_acceptsRelativeTargetsWithColonsAfterThePathStarts() {
    assertThat(Markdown.isAllowed("/a:b")).isTrue();
    assertThat(Markdown.isAllowed("?t=1:2")).isTrue();
    assertThat(Markdown.isAllowed("file:///etc/passwd")).isFalse();
    assertThat(Markdown.isAllowed(" \u0001javascript:x")).isFalse();
  }

  @Test
  void imagesFromOtherSites_areLinks_soNoReaderFetchesThem() {
    String html =
        markdown.toHtml(
            "![a pixel](https://tracker.example/p.gif \"t\") ![](http://x.example/i.png)"
                + " ![ours](/media/i.png)");

    assertThat(html)
        .doesNotContain("tracker.example/p.gif\" alt")
        .doesNotContain("<img src=\"https:")
        .doesNotContain("<img src=\"http:")
        .contains(
            "<a href=\"https://tracker.example/p.gif\" title=\"t\" rel=\"nofollow ugc noopener\">a pixel</a>")
        .contains(
            "<a href=\"http://x.example/i.png\" rel=\"nofollow ugc noopener\">http://x.example/i.png</a>")
        .contains("<img src=\"/media/i.png\" alt=\"ours\" loading=\"lazy\" decoding=\"async\" />");
  }

  @Test
  void headings_getStablePrefixedIds_andMakeTheTableOfContents() {
    Markdown.Rendered r =
        markdown.render("# 背景\n\n## 安全管理器 `SecurityManager`\n\ntext\n\n## 小结\n\n### 小结\n");
    assertThat(r.html())
        .contains("<h1 id=\"h-背景\">背景</h1>")
        .contains("<h2 id=\"h-安全管理器-securitymanager\">安全管理器 <code>SecurityManager</code></h2>")
        .contains("<h2 id=\"h-小结\">")
        .contains("<h3 id=\"h-小结-2\">");
    assertThat(r.headings())
        .containsExactly(
            new Markdown.TocEntry(1, "背景", "h-背景"),
            new Markdown.TocEntry(2, "安全管理器 SecurityManager", "h-安全管理器-securitymanager"),
            new Markdown.TocEntry(2, "小结", "h-小结"),
            new Markdown.TocEntry(3, "小结", "h-小结-2"));
  }

  @Test
  void headingText_withMarkup_isEscapedInTheIdAttribute() {
    String html = markdown.render("## a\"><img src=x onerror=alert(1)>\n").html();
    assertThat(html).doesNotContain("<img").startsWith("<h2 id=\"h-aimg-srcx-onerroralert1\">");
  }

  @Test
  void fencedCode_carriesItsLanguage_onlyWhenItIsAPlainName() {
    Markdown.Rendered r =
        markdown.render("```java title=x\nint a;\n```\n\n```\"><b>\nx\n```\n\n```\nplain\n```\n");
    assertThat(r.hasCode()).isTrue();
    assertThat(r.html())
        .contains(
            "<pre data-lang=\"java\"><code class=\"language-java\"><span class=\"typ\">int</span> a;")
        .doesNotContain("<b>")
        .contains("<pre><code>plain");
    assertThat(markdown.render("no code, just `inline`").hasCode()).isFalse();
  }

  @Test
  void language_keepsLettersDigitsAndPlusHashDashDot() {
    assertThat(Markdown.language("C++")).isEqualTo("c++");
    assertThat(Markdown.language("  TypeScript {1,3}")).isEqualTo("typescript");
    assertThat(Markdown.language("js<x>")).isEmpty();
    assertThat(Markdown.language("a".repeat(21))).isEmpty();
    assertThat(Markdown.language(null)).isEmpty();
  }

  @Test
  void aPostOfHeadingsAtTheSizeLimit_rendersQuickly() {
    String post = "# 小结\n".repeat(200 * 1024 / 10);
    long start = System.nanoTime();
    Markdown.Rendered r = markdown.render(post);
    assertThat(r.headings()).hasSize(200 * 1024 / 10);
    assertThat(PageModels.Reading.of(r).depth(r.headings().getLast())).isZero();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
