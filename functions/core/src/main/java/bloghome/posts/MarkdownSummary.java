package bloghome.posts;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives a plain-text summary from Markdown when the author gives none: the text a reader would
 * see, without syntax, code blocks or link targets, on one line, cut to fit.
 */
public final class MarkdownSummary {
  private static final Pattern FENCED_CODE =
      Pattern.compile("(?ms)^[ \\t]{0,3}(```|~~~)[^\\n]*\\n.*?(^[ \\t]{0,3}\\1[ \\t]*$|\\z)");
  private static final Pattern HTML_COMMENT = Pattern.compile("(?s)<!--.*?(-->|\\z)");
  private static final Pattern LINK_DEFINITION =
      Pattern.compile("(?m)^[ \\t]{0,3}\\[[^\\]]+]:[ \\t]*\\S+.*$");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern REFERENCE_LINK = Pattern.compile("\\[([^\\]]*)]\\[[^\\]]*]");
  private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]*)>");
  private static final Pattern HTML_TAG =
      Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(\\s[^<>]*)?/?>");
  private static final Pattern HEADING =
      Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+|[ \\t]+#+[ \\t]*$");
  private static final Pattern SETEXT_OR_RULE =
      Pattern.compile("(?m)^[ \\t]{0,3}([-=*_][ \\t]*){3,}$");
  private static final Pattern BLOCKQUOTE = Pattern.compile("(?m)^[ \\t]*(>[ \\t]?)+");
  private static final Pattern LIST_MARKER =
      Pattern.compile("(?m)^[ \\t]*([-*+]|\\d{1,9}[.)])[ \\t]+(\\[[ xX]][ \\t]+)?");
  private static final Pattern TABLE_PIPES =
      Pattern.compile("(?m)^[ \\t]*\\|?([ \\t]*:?-+:?[ \\t]*\\|)+[ \\t]*:?-*:?[ \\t]*$|\\|");
  private static final Pattern EMPHASIS =
      Pattern.compile("(\\*{1,3}|_{1,3}|~~)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~])");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private MarkdownSummary() {}

  /** At most {@code maxCodePoints} code points of the content's readable text. */
  public static String derive(String markdown, int maxCodePoints) {
    return truncate(plainText(markdown), maxCodePoints);
  }

  static String plainText(String markdown) {
    String s = markdown.replace("\r\n", "\n").replace('\r', '\n');
    s = FENCED_CODE.matcher(s).replaceAll(" ");
    s = HTML_COMMENT.matcher(s).replaceAll(" ");
    s = LINK_DEFINITION.matcher(s).replaceAll(" ");
    s = IMAGE.matcher(s).replaceAll("$1");
    s = INLINE_LINK.matcher(s).replaceAll("$1");
    s = REFERENCE_LINK.matcher(s).replaceAll("$1");
    s = AUTOLINK.matcher(s).replaceAll("$1");
    s = HTML_TAG.matcher(s).replaceAll(" ");
    s = SETEXT_OR_RULE.matcher(s).replaceAll(" ");
    s = HEADING.matcher(s).replaceAll(" ");
    s = BLOCKQUOTE.matcher(s).replaceAll("");
    s = LIST_MARKER.matcher(s).replaceAll("");
    s = TABLE_PIPES.matcher(s).replaceAll(" ");
    s = INLINE_CODE.matcher(s).replaceAll("$2");
    // Twice, for nesting such as ***bold italic*** inside __bold__.
    s = EMPHASIS.matcher(s).replaceAll("$2");
    s = EMPHASIS.matcher(s).replaceAll("$2");
    s = ESCAPE.matcher(s).replaceAll("$1");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  /**
   * Cuts to at most {@code max} code points, ending with an ellipsis when cut. The cut falls on a
   * user-perceived character boundary, so neither a surrogate pair nor an emoji sequence (family,
   * flag, skin tone) is split.
   */
  static String truncate(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int limit = text.offsetByCodePoints(0, max - 1);
    BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
    graphemes.setText(text);
    int cut = graphemes.preceding(limit + 1);
    if (cut == BreakIterator.DONE) {
      cut = 0;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }
}
