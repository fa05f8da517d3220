package bloghome.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import org.junit.jupiter.api.Test;

class CommentTextTest {

  private static String valid(String raw) {
    return CommentText.validate(raw, "body", 10);
  }

  @Test
  void validate_stripsSurroundingWhitespace_andKeepsEverythingInside() {
    assertThat(valid("  a <b>\n\tc  \n")).isEqualTo("a <b>\n\tc");
  }

  @Test
  void validate_countsCodePoints_soAnEmojiCountsOnce() {
    assertThat(valid("👍🏽".repeat(5))).hasSize(20);
    assertThatThrownBy(() -> valid("😀".repeat(11)))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("body"))
        .hasMessageContaining("11 characters")
        .hasMessageContaining("limit is 10");
  }

  @Test
  void validate_rejectsEmptyAndWhitespaceOnlyText() {
    for (String raw : new String[] {"", " ", "\n\t ", "\u3000"}) {
      assertThatThrownBy(() -> valid(raw))
          .as(raw)
          .isInstanceOfSatisfying(
              Problem.class, p -> assertThat(p.code()).isEqualTo("INVALID_BODY"));
    }
  }

  @Test
  void validate_normalisesToNfc_andLineBreaksToLineFeeds_beforeCounting() {
    assertThat(valid("a\r\nb\rc")).isEqualTo("a\nb\nc");
    assertThat(valid("e\u0301".repeat(10))).isEqualTo("é".repeat(10));
  }

  @Test
  void validate_rejectsControlCharactersOtherThanLineFeedAndTab() {
    for (String raw :
        new String[] {"a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b", "a\u000bb"}) {
      assertThatThrownBy(() -> valid(raw))
          .as(raw)
          .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("body"))
          .hasMessageContaining("control character");
    }
  }
}
