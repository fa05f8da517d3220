package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Code highlighting and math as the one renderer produces them (post page, feeds, preview). */
class MarkdownCodeAndMathTest {
  private final Markdown markdown = new Markdown();

  @Test
  void fencedCode_inAKnownLanguage_isHighlighted_insideTheUsualPreAndCode() {
    String html = markdown.toHtml("```Java title=x\nint x = 1; // one\n```\n");
    assertThat(html)
        .isEqualTo(
            "<pre data-lang=\"java\"><code class=\"language-Java\"><span class=\"typ\">int</span>"
                + " x = <span class=\"num\">1</span>; <span class=\"com\">// one</span>\n"
                + "</code></pre>\n");
  }

  @Test
  void unknownLanguage_noInfoString_andIndentedCode_arePlainEscapedCode() {
    assertThat(markdown.toHtml("```cobol\nMOVE \"<b>\" TO X.\n```\n"))
        .isEqualTo(
            "<pre data-lang=\"cobol\"><code class=\"language-cobol\">MOVE &quot;&lt;b&gt;&quot; TO"
                + " X.\n</code></pre>\n");
    assertThat(markdown.toHtml("```\nint x;\n```\n"))
        .isEqualTo("<pre><code>int x;\n</code></pre>\n");
    assertThat(markdown.toHtml("    int x;\n")).isEqualTo("<pre><code>int x;\n</code></pre>\n");
  }

  @Test
  void codeThatClosesTheBlock_staysText() {
    String html =
        markdown.toHtml("```js\nlet s = \"</code></pre><script>alert(1)</script>\";\n```\n");
    assertThat(html).doesNotContain("<script").containsOnlyOnce("</code></pre>");
    assertThat(markdown.toHtml("```\" onmouseover=\"x\n1\n```")).doesNotContain("\" onmouseover");
  }

  @Test
  void inlineAndDisplayMath_becomeMathMl() {
    assertThat(markdown.toHtml("Euler: $e^{i\\pi} + 1 = 0$."))
        .startsWith("<p>Euler: <math><semantics><mrow><msup><mi>e</mi>")
        .endsWith("</semantics></math>.</p>\n");
    String display = markdown.toHtml("Before.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.");
    assertThat(display)
        .contains(
            "<p>Before.</p>\n<math display=\"block\"><semantics><mfrac><mi>a</mi><mi>b</mi></mfrac>")
        .contains("</math>\n<p>After.</p>");
    // display math inside a sentence stays in its paragraph
    assertThat(markdown.toHtml("so $$x$$ here")).startsWith("<p>so <math display=\"block\">");
  }

  @Test
  void prices_escapedDollars_andCode_areNotMath() {
    String[] text = {
      "It costs $5 and $10.",
      "From $5-$10 a month.",
      "价格$5，优惠后$3。",
      "Pay $ 5 or 6 $ later.",
      "One $ sign.",
      "Escaped \\$x\\$ stays.",
      "Code `$x$` and `a $b` c$ stays.",
      "US$5 and US$10",
    };
    for (String t : text) {
      assertThat(markdown.toHtml(t)).as(t).doesNotContain("<math");
    }
    assertThat(markdown.toHtml("Escaped \\$x\\$ stays.")).contains("$x$");
    assertThat(markdown.toHtml("```\n$x$\n```")).doesNotContain("<math");
    assertThat(markdown.toHtml("    $x$")).doesNotContain("<math");
    // a price before a formula does not swallow it
    String mixed = markdown.toHtml("$5 and $10, then $x^2$ and $$y$$.");
    assertThat(mixed).contains("$5 and $10, then <math><semantics><msup>");
    assertThat(mixed).containsOnlyOnce("<math>").containsOnlyOnce("<math display=\"block\">");
  }

  @Test
  void theStudioPreview_showsHighlightedCodeAndMath_asThePostPageDoes() {
    String content = "```py\nx = 1  # one\n```\n\n$a^2$\n";
    assertThat(new StudioPages(markdown).preview(content))
        .isEqualTo(markdown.toHtml(content))
        .contains("<span class=\"com\"># one</span>")
        .contains("<math><semantics><msup>");
  }

  @Test
  void mathInHeadings_keepsItsSourceInTheTableOfContents() {
    Markdown.Rendered r = markdown.render("## Area $\\pi r^2$\n");
    assertThat(r.headings().getFirst().text()).isEqualTo("Area \\pi r^2");
    assertThat(r.html()).contains("<h2 id=\"h-area-pi-r2\">Area <math>");
  }

  @Test
  void htmlInMath_isEscaped() {
    String html =
        markdown.toHtml("$x < y$ and $\\text{<script>alert(1)</script>}$ and $$</math><b>x</b>$$");
    assertThat(html).doesNotContain("<script").doesNotContain("<b>").contains("<mo>&lt;</mo>");
  }

  @Test
  void manyDollars_parseInLinearTime() {
    String[] shapes = {"$a ", "$$a ", "$5 ", "a$ ", "$a`", "\\$a$ ", "$$a$ "};
    for (String shape : shapes) {
      String small = shape.repeat(2_000);
      String big = shape.repeat(20_000);
      long tSmall = bestOf(small);
      long tBig = bestOf(big);
      assertThat(tBig).as(shape).isLessThan(Math.max(tSmall * 40, 200_000_000L));
    }
  }

  private long bestOf(String text) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      markdown.toHtml(text);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }
}
