package bloghome.text;

import bloghome.errors.Problem;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one set of character rules for text that users write, so that every field refuses the same
 * things with the same kind of message. Every rule first normalises to NFC, so that lengths are
 * counted, and text is stored, in one form whatever the sender's keyboard produced.
 *
 * <ul>
 *   <li><b>Single-line</b> text (display names, titles, tags): no control characters (Unicode
 *       category Cc, which includes tab and line feed), no line or paragraph separators (U+2028,
 *       U+2029), and no bidirectional formatting characters: the embeddings, overrides and isolates
 *       U+202A-U+202E and U+2066-U+2069, and the marks U+200E, U+200F and U+061C. In a short label
 *       they serve mostly to make one text look like another (a reversed name, a trailing invisible
 *       mark).
 *   <li><b>Names</b> are single-line and must also hold at least one visible character: text made
 *       only of spaces, zero-width or other format characters, combining marks or blank fillers
 *       (Hangul fillers, the blank Braille pattern) would show as nothing.
 *   <li><b>Multi-line</b> text (bio, post content and summary, comments): line breaks arrive as LF
 *       ({@code \r\n} and a lone {@code \r} become {@code \n}); the only controls allowed are
 *       {@code \n} and {@code \t}. Bidirectional formatting characters stay allowed here, because
 *       right-to-left writers use them in running text; pages show each such text in an element of
 *       its own with {@code unicode-bidi: isolate}, so it cannot reorder what surrounds it.
 * </ul>
 */
public final class TextRules {
  private TextRules() {}

  /**
   * Single-line text, normalised to NFC and stripped of surrounding whitespace.
   *
   * @throws Problem 400 {@code code} naming {@code field} when a character is not allowed
   */
  public static String singleLine(String raw, String field, String code) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029) {
        throw refused(field, code, c, "a line break or other control character", "single-line");
      }
      if (isBidiFormatting(c)) {
        throw refused(field, code, c, "a bidirectional formatting character", "single-line");
      }
      i += Character.charCount(c);
    }
    return text;
  }

  /** Single-line text that must also show at least one visible character. */
  public static String name(String raw, String field, String code) {
    String text = singleLine(raw, field, code);
    if (!text.isEmpty() && !hasVisible(text)) {
      throw Problem.invalid(
          code,
          field,
          field
              + " must contain at least one visible character; it holds only spaces, invisible or"
              + " combining characters.");
    }
    return text;
  }

  /**
   * Multi-line text, normalised to NFC with line breaks as {@code \n}; not stripped.
   *
   * @throws Problem 400 {@code code} naming {@code field} for a control other than {@code \n} and
   *     {@code \t}
   */
  public static String multiLine(String raw, String field, String code) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    if (text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n").replace('\r', '\n');
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
        throw refused(
            field,
            code,
            c,
            "a control character",
            "line feeds and tabs are the only controls allowed");
      }
    }
    return text;
  }

  /** {@link #multiLine(String, String, String)} with the code {@code INVALID_<FIELD>}. */
  public static String multiLine(String raw, String field) {
    return multiLine(raw, field, null);
  }

  /** The bidirectional embeddings, overrides, isolates and marks. */
  public static boolean isBidiFormatting(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C;
  }

  /** Whether some character of {@code text} would show: a letter, digit, punctuation or symbol. */
  public static boolean hasVisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isBlankFiller(c)) {
        continue;
      }
      switch (Character.getType(c)) {
        case Character.UPPERCASE_LETTER,
            Character.LOWERCASE_LETTER,
            Character.TITLECASE_LETTER,
            Character.MODIFIER_LETTER,
            Character.OTHER_LETTER,
            Character.DECIMAL_DIGIT_NUMBER,
            Character.LETTER_NUMBER,
            Character.OTHER_NUMBER,
            Character.CONNECTOR_PUNCTUATION,
            Character.DASH_PUNCTUATION,
            Character.START_PUNCTUATION,
            Character.END_PUNCTUATION,
            Character.INITIAL_QUOTE_PUNCTUATION,
            Character.FINAL_QUOTE_PUNCTUATION,
            Character.OTHER_PUNCTUATION,
            Character.MATH_SYMBOL,
            Character.CURRENCY_SYMBOL,
            Character.MODIFIER_SYMBOL,
            Character.OTHER_SYMBOL,
            Character.PRIVATE_USE -> {
          return true;
        }
        default -> {
          // spaces, separators, controls, format characters, marks, surrogates, unassigned
        }
      }
    }
    return false;
  }

  /** Letters and symbols that fonts draw as nothing. */
  private static boolean isBlankFiller(int c) {
    return c == 0x115F
        || c == 0x1160
        || c == 0x3164
        || c == 0xFFA0
        || c == 0x2800
        || c == 0x17B4
        || c == 0x17B5;
  }

  private static Problem refused(String field, String code, int c, String what, String rule) {
    String name = Character.getName(c);
    String message =
        String.format(
            Locale.ROOT,
            "%s contains U+%04X%s, %s; %s.",
            field,
            c,
            name == null ? "" : " (" + name + ")",
            what,
            rule.equals("single-line") ? "it must be a single line of plain text" : rule);
    return code == null ? Problem.invalid(field, message) : Problem.invalid(code, field, message);
  }
}
