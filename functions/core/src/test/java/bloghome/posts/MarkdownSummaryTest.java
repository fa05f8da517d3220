package bloghome.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @Test
  void derive_keepsAnInlineFormulasTex_leavesDisplayFormulasOut_andPricesAlone() {
    String markdown =
        """
        排序的复杂度是 $O(n \\log n)$，书价 $5 and $10。

        转义的 \\$x$ 不是公式。

        $$
        \\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
        $$

        行内的 $$E = mc^2$$ 也不进摘要，`$a$` 是代码。
        """;
    assertThat(MarkdownSummary.derive(markdown, 200))
        .isEqualTo("排序的复杂度是 O(n \\log n)，书价 $5 and $10。 转义的 $x$ 不是公式。 行内的 也不进摘要，$a$ 是代码。");
  }

  @Test
  void derive_stripsMarkdownSyntax_andKeepsTheReadableText() {
    String markdown =
        """
        # Title here

        Some **bold**, _italic_ and `code` with a [link](https://example.org) and ![an image](x.png).

        ```java
        System.out.println("not in the summary");
        ```

        > quoted
        - item one
        1. item two
        <div>html</div>

        [ref]: https://example.org
        """;

    String summary = MarkdownSummary.derive(markdown, 300);

    assertThat(summary)
        .isEqualTo(
            "Title here Some bold, italic and code with a link and an image. quoted item one item two html");
  }

  @Test
  void derive_cutsOnACharacterBoundary_andMarksTheCut() {
    String family = "👩‍👩‍👧";
    String text = "a".repeat(297) + family + "tail";

    String summary = MarkdownSummary.derive(text, 300);

    assertThat(summary.codePointCount(0, summary.length())).isLessThanOrEqualTo(300);
    assertThat(summary).endsWith("…").doesNotContain("\u200d…");
    assertThat(Character.isHighSurrogate(summary.charAt(summary.length() - 2))).isFalse();
  }

  @Test
  void derive_keepsShortTextWhole_andCountsCodePointsNotChars() {
    String emoji = "😀".repeat(300);

    assertThat(MarkdownSummary.derive(emoji, 300)).isEqualTo(emoji);
    assertThat(MarkdownSummary.derive("😀".repeat(301), 300)).isEqualTo("😀".repeat(299) + "…");
  }

  @Test
  void derive_decodesEntitiesOnce_soThePageEscapesThemOnce() {
    String summary = MarkdownSummary.derive("Tags such as &lt;img src=x&gt; &amp; `<b>` here", 300);

    assertThat(summary).isEqualTo("Tags such as <img src=x> & <b> here");
  }

  @Test
  void derive_dropsRawHtmlTags_andKeepsTheTextBetweenThem() {
    String summary =
        MarkdownSummary.derive("<img src=x onerror=alert(1)>\n\nbefore <b>bold</b> after", 300);

    assertThat(summary).isEqualTo("before bold after");
  }

  @Test
  void derive_underlinesAndRulesOfAnyLength_areNotText() {
    String summary =
        MarkdownSummary.derive(
            "Heading\n" + "=".repeat(5000) + "\n\ntext\n\n" + "-".repeat(5000), 300);

    assertThat(summary).isEqualTo("Heading text");
  }

  /**
   * The shapes that made the old regular expressions quadratic or overflow the stack, each filling
   * the content limit: every one is summarised in well under a second, and none throws. (Measured
   * here: each well under 0.5 s of CPU at 200 KB.)
   */
  @Test
  void derive_worstShapesAtTheContentLimit_eachTakeWellUnderASecond() {
    int size = PostRules.CONTENT_MAX_BYTES;
    Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
    for (String unit :
        List.of(
            "[", "]", "![", "](", "[a](", "[]", "[x]: ", "<", "<a ", "<!--", ">", "> ", "=", "-",
            "- ", "*", "* ", "_", "*_", "**a", "~", "~~", "`", "```", "~~~\n", "\\", "[\\", "&",
            "&#", "|", "#", "1. ", "\t", "    ", "a\n=\n", "> - ", "- > ", "\n", ">\n", "-\n",
            "=\n", "[\n", "`\n", "<\n")) {
      shapes.put("run of " + unit.replace("\n", "\\n"), n -> fill(unit, n));
    }
    shapes.put("nested lists", n -> fillLines(n, i -> "  ".repeat(i % 400) + "- item"));
    shapes.put("nested quotes", n -> fillLines(n, i -> "> ".repeat(i % 400) + "quote"));
    shapes.put("nested emphasis", n -> fill("*a _b ", n / 2) + fill(" c_ d*", n / 2));
    shapes.put("nested links", n -> fill("[a ", n / 2) + fill("](b) ", n / 2));
    shapes.put("open code spans", n -> fillLines(n, i -> "`".repeat(1 + i % 50) + "x"));
    shapes.put("tags without end", n -> fill("<div x=", n));
    shapes.put("headings", n -> fillLines(n, i -> "#".repeat(1 + i % 7) + " h ###"));

    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () -> {
          for (var shape : shapes.values()) {
            MarkdownSummary.derive(shape.apply(20_000), 300); // warm-up
          }
          String slowest = "";
          Duration slowestTook = Duration.ZERO;
          for (var shape : shapes.entrySet()) {
            String content = shape.getValue().apply(size);
            // This thread's CPU time, the best of up to three runs: on a machine shared by other
            // work the wall clock counts their time too. The old quadratic builder needed minutes
            // of CPU here, whatever the run.
            Duration took = Duration.ofDays(1);
            for (int attempt = 0;
                attempt < 3 && took.compareTo(Duration.ofSeconds(1)) >= 0;
                attempt++) {
              long start = CPU.getCurrentThreadCpuTime();
              String summary = MarkdownSummary.derive(content, 300);
              took = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - start);

              assertThat(summary).as(shape.getKey()).isNotNull();
              assertThat(summary.codePointCount(0, summary.length()))
                  .as(shape.getKey())
                  .isLessThanOrEqualTo(300);
            }
            assertThat(took).as(shape.getKey()).isLessThan(Duration.ofSeconds(1));
            if (took.compareTo(slowestTook) > 0) {
              slowest = shape.getKey();
              slowestTook = took;
            }
          }
          System.out.printf(
              "summary of %d shapes at %d bytes: slowest %s, %d ms of CPU%n",
              shapes.size(), size, slowest, slowestTook.toMillis());
        });
  }

  private static String fill(String unit, int size) {
    return unit.repeat(size / unit.length() + 1).substring(0, size);
  }

  private static String fillLines(int size, IntFunction<String> line) {
    StringBuilder sb = new StringBuilder(size);
    for (int i = 0; sb.length() < size; i++) {
      sb.append(line.apply(i)).append('\n');
    }
    return sb.substring(0, size);
  }
}
