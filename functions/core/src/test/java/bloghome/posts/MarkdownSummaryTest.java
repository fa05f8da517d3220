package bloghome.posts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

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
}
