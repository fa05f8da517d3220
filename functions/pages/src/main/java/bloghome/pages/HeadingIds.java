package bloghome.pages;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Anchors for a post's headings, derived from the heading text alone so a link to a section stays
 * valid as long as its heading does: {@code ## 安全管理器 Security Manager} → {@code
 * h-安全管理器-security-manager}.
 *
 * <p>Letters and digits of any script are kept (lower-cased), runs of spaces, dashes and
 * underscores become one dash, everything else (punctuation, symbols, emoji) is dropped; the id is
 * cut at 64 code points. The {@code h-} prefix keeps a heading from taking an id the page itself
 * uses ({@code comments}, {@code msgs}) or one that looks like a number. A repeated heading gets
 * {@code -2}, {@code -3}, … in order; a heading with nothing left gets {@code h-section}. One
 * linear pass over the text, no regular expression.
 */
final class HeadingIds {
  static final String PREFIX = "h-";
  static final int MAX_CODE_POINTS = 64;

  private final Set<String> used = new HashSet<>();

  /** Per base id, the suffix to try next, so thousands of equal headings stay linear. */
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  /** The id for the next heading of the post, unique among the ids this instance gave. */
  String next(String headingText) {
    String base = PREFIX + slug(headingText);
    if (used.add(base)) {
      return base;
    }
    int n = nextSuffix.getOrDefault(base, 2);
    String id = base + "-" + n;
    while (!used.add(id)) {
      n++;
      id = base + "-" + n;
    }
    nextSuffix.put(base, n + 1);
    return id;
  }

  static String slug(String text) {
    StringBuilder out = new StringBuilder();
    int count = 0;
    boolean pendingDash = false;
    for (int i = 0; i < text.length() && count < MAX_CODE_POINTS; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (pendingDash && !out.isEmpty()) {
          out.append('-');
          count++;
        }
        pendingDash = false;
        out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
        count++;
      } else if (Character.isWhitespace(cp)
          || cp == '-'
          || cp == '_'
          || Character.isSpaceChar(cp)) {
        pendingDash = true;
      }
    }
    return out.isEmpty() ? "section" : out.toString();
  }
}
