package bloghome.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  private static void refused(Runnable call, String field, String code, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.kind().status()).isEqualTo(400);
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.code()).isEqualTo(code);
              assertThat(p.getMessage()).contains(messagePart);
            });
  }

  @Test
  void singleLine_refusesControlsSeparatorsAndBidiFormatting_namingTheCharacter() {
    String[][] cases = {
      {"al\u202Eecila", "U+202E (RIGHT-TO-LEFT OVERRIDE)"},
      {"a\u202Ab", "U+202A"},
      {"a\u202Bb", "U+202B"},
      {"a\u202Cb", "U+202C"},
      {"a\u202Db", "U+202D"},
      {"a\u2066b", "U+2066"},
      {"a\u2067b", "U+2067"},
      {"a\u2068b", "U+2068"},
      {"a\u2069b", "U+2069"},
      {"alice\u200F", "U+200F"},
      {"a\u200Eb", "U+200E"},
      {"a\u061Cb", "U+061C"},
      {"a\u0000b", "U+0000"},
      {"a\u0007b", "U+0007"},
      {"a\u001Bb", "U+001B"},
      {"a\nb", "U+000A"},
      {"a\tb", "U+0009"},
      {"a\rb", "U+000D"},
      {"a\u007Fb", "U+007F"},
      {"a\u0085b", "U+0085"},
      {"a\u009Bb", "U+009B"},
      {"a\u2028b", "U+2028"},
      {"a\u2029b", "U+2029"},
    };
    for (String[] c : cases) {
      refused(
          () -> TextRules.singleLine(c[0], "title", "INVALID_TITLE"),
          "title",
          "INVALID_TITLE",
          c[1]);
    }
  }

  @Test
  void singleLine_normalisesToNfc_andStrips() {
    String decomposed = "Cafe\u0301  ";
    String result = TextRules.singleLine(decomposed, "title", "INVALID_TITLE");

    assertThat(result).isEqualTo("Café").hasSize(4);
    // Hangul jamo compose to one syllable each.
    assertThat(TextRules.singleLine("\u1100\u1161", "t", "C")).isEqualTo("\uAC00");
    // Right-to-left letters, emoji sequences and zero-width joiners inside them are fine.
    assertThat(TextRules.singleLine("שלום עולם", "t", "C")).isEqualTo("שלום עולם");
    assertThat(TextRules.singleLine("👩\u200D💻 مرحبا", "t", "C")).isEqualTo("👩\u200D💻 مرحبا");
  }

  @Test
  void name_needsAVisibleCharacter() {
    for (String invisible :
        new String[] {
          "\u200B",
          "\u200B\u200C\u200D",
          "\u2060",
          "\uFEFF",
          "\u00AD",
          "\u3164",
          "\u115F\u1160",
          "\uFFA0",
          "\u2800",
          "\u0301",
          "\u180E",
          "\u034F",
          "\uFE0F",
          "\u3000\u200B",
          "\u200B \u200B",
          "\uDB40\uDC20",
          "\u17B4"
        }) {
      refused(
          () -> TextRules.name(invisible, "displayName", "INVALID_DISPLAY_NAME"),
          "displayName",
          "INVALID_DISPLAY_NAME",
          "visible");
    }
    for (String visible :
        new String[] {"a", "李", "😀", "-", "$", ".", "\u200Ba", "x\u0301", "٣", "Ⅻ"}) {
      assertThat(TextRules.name(visible, "displayName", "INVALID_DISPLAY_NAME")).isNotEmpty();
    }
    // Empty stays empty: the field's own length rule answers that.
    assertThat(TextRules.name("   ", "displayName", "INVALID_DISPLAY_NAME")).isEmpty();
  }

  @Test
  void multiLine_allowsLineFeedAndTab_normalisesLineBreaks_andRefusesOtherControls() {
    assertThat(TextRules.multiLine("a\r\nb\rc\n\td", "bio", "INVALID_BIO"))
        .isEqualTo("a\nb\nc\n\td");
    assertThat(TextRules.multiLine("  e\u0301\n", "bio", "INVALID_BIO")).isEqualTo("  é\n");
    // Bidi formatting is part of right-to-left running text.
    assertThat(TextRules.multiLine("see \u2067שלום\u2069 here", "bio", "INVALID_BIO"))
        .contains("\u2067");
    for (String bad :
        new String[] {
          "a\u0000b",
          "a\u0007b",
          "a\u001Bb",
          "a\u0008b",
          "a\u000Bb",
          "a\u000Cb",
          "a\u007Fb",
          "a\u0085b",
          "a\u009Fb"
        }) {
      refused(
          () -> TextRules.multiLine(bad, "bio", "INVALID_BIO"),
          "bio",
          "INVALID_BIO",
          "control character");
    }
  }
}
