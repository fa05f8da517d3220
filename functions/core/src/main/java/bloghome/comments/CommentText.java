package bloghome.comments;

import bloghome.errors.Problem;
import bloghome.text.TextRules;

/**
 * Rules for a comment's text. Plain text: nothing is escaped or rewritten here (the JSON writer
 * escapes on the way out), so what a reader gets back is what the writer sent, minus surrounding
 * whitespace.
 */
public final class CommentText {
  public static final int MAX_CODE_POINTS = 2_000;

  private CommentText() {}

  /**
   * The text to store: {@code raw} in NFC with line breaks as line feeds ({@link
   * TextRules#multiLine}), without leading and trailing whitespace, 1 to {@code max} code points
   * long (an emoji counts once, as people count it), with no control characters other than line
   * feed and tab.
   */
  public static String validate(String raw, String field, int max) {
    String text = TextRules.multiLine(raw, field).strip();
    if (text.isEmpty()) {
      throw Problem.invalid(field, field + " must not be empty.");
    }
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      throw Problem.invalid(
          field, field + " is " + length + " characters long; the limit is " + max + ".");
    }
    return text;
  }
}
