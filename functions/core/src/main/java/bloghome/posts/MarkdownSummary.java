package bloghome.posts;

import java.text.BreakIterator;
import java.util.Locale;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Derives a plain-text summary from Markdown when the author gives none: the text a reader would
 * see, without syntax, code blocks, display formulas or link targets, on one line, cut to fit; an
 * inline formula keeps its TeX ({@code $O(n)$} reads "O(n)").
 *
 * <p>The text comes from the tree of the Markdown parser the pages render with (commonmark), so the
 * summary reads as the page does (entities decoded once, escapes resolved) and the work is linear
 * in the content: no regular expression runs over it, and the tree is walked without recursion,
 * however deep the nesting.
 */
public final class MarkdownSummary {
  /** Thread-safe, and built once: building it compiles the parser's block factories. */
  private static final Parser PARSER =
      Parser.builder().customInlineContentParserFactory(new MathSyntax.Factory()).build();

  private MarkdownSummary() {}

  /** At most {@code maxCodePoints} code points of the content's readable text. */
  public static String derive(String markdown, int maxCodePoints) {
    return truncate(plainText(markdown, maxCodePoints + 1), maxCodePoints);
  }

  /** The readable text, whitespace collapsed, stopping once it has {@code enough} code points. */
  static String plainText(String markdown, int enough) {
    Node document = PARSER.parse(markdown);
    Collapsed out = new Collapsed(enough);
    Node node = document.getFirstChild();
    while (node != null && !out.full()) {
      boolean descend = true;
      switch (node) {
        case Text text -> out.append(text.getLiteral());
        case Code code -> out.append(code.getLiteral());
        case MathSyntax.MathInline math when math.display() -> descend = false;
        case MathSyntax.MathInline math -> out.append(math.tex());
        case SoftLineBreak ignored -> out.space();
        case HardLineBreak ignored -> out.space();
        case HtmlBlock html -> {
          out.space();
          out.append(withoutTags(html.getLiteral()));
          out.space();
          descend = false;
        }
        case FencedCodeBlock ignored -> descend = false;
        case IndentedCodeBlock ignored -> descend = false;
        case HtmlInline ignored -> descend = false;
        case LinkReferenceDefinition ignored -> descend = false;
        case ThematicBreak ignored -> descend = false;
        case Block ignored -> out.space();
        default -> {}
      }
      node = next(node, descend);
    }
    return out.toString();
  }

  /** The node after {@code node} in document order, without recursion. */
  private static Node next(Node node, boolean descend) {
    if (descend && node.getFirstChild() != null) {
      return node.getFirstChild();
    }
    Node at = node;
    while (at != null && at.getNext() == null) {
      at = at.getParent();
    }
    return at == null ? null : at.getNext();
  }

  /**
   * Raw HTML's text without its tags ({@code <div>text</div>} gives "text"): a single pass that
   * skips from a {@code <} that opens a tag to the next {@code >}.
   */
  static String withoutTags(String html) {
    StringBuilder sb = new StringBuilder(html.length());
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      boolean opensTag =
          c == '<'
              && i + 1 < html.length()
              && (Character.isLetter(html.charAt(i + 1))
                  || html.charAt(i + 1) == '/'
                  || html.charAt(i + 1) == '!'
                  || html.charAt(i + 1) == '?');
      if (opensTag) {
        int end = html.indexOf('>', i + 1);
        if (end < 0) {
          break; // an unclosed tag: the rest is inside it
        }
        sb.append(' ');
        i = end + 1;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** Text with every run of whitespace made one space, none at the ends; stops when full. */
  private static final class Collapsed {
    private final StringBuilder sb = new StringBuilder();
    private final int enough;
    private int codePoints;
    private boolean pendingSpace;

    Collapsed(int enough) {
      this.enough = enough;
    }

    boolean full() {
      return codePoints >= enough;
    }

    void space() {
      pendingSpace = true;
    }

    void append(String s) {
      int i = 0;
      while (i < s.length() && !full()) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
          pendingSpace = true;
          continue;
        }
        if (pendingSpace && !sb.isEmpty()) {
          sb.append(' ');
          codePoints++;
        }
        pendingSpace = false;
        sb.appendCodePoint(cp);
        codePoints++;
      }
    }

    @Override
    public String toString() {
      return sb.toString();
    }
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
