package bloghome.posts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/**
 * {@code $…$} (inline) and {@code $$…$$} (display) math in post Markdown, parsed by commonmark's
 * inline parser: one dialect for the pages (which render it as MathML) and the derived summary
 * (which keeps an inline formula's TeX and leaves display formulas out, as it does code blocks).
 *
 * <p>The dollar rules keep prices from becoming math: an opening {@code $} must not be followed by
 * a space, and the next unescaped {@code $} must close it: not after a space nor before a digit,
 * else the opening was not one ({@code $5 and $10}, {@code $5-$10}, {@code 价格$5，优惠后$3}, {@code $5
 * and $10, or $x$} keep their prices as text); {@code \$} is a dollar. Because the inline parser
 * handles backslash escapes and code spans before it reaches a {@code $}, dollars in code spans and
 * code blocks are never math, and a formula does not run across a backtick. A paragraph that is one
 * display formula becomes a block of its own (no {@code <p>} around it).
 *
 * <p>Linear time: an inline formula's search ends at the next dollar, so no character is looked at
 * twice; a failed search for {@code $$} remembers how far it looked, and every later {@code $$}
 * before that point fails at once.
 */
public final class MathSyntax {
  private MathSyntax() {}

  /** A formula; {@code display} for {@code $$…$$}. */
  public static final class MathInline extends CustomNode {
    private final String tex;
    private final boolean display;

    MathInline(String tex, boolean display) {
      this.tex = tex;
      this.display = display;
    }

    public String tex() {
      return tex;
    }

    public boolean display() {
      return display;
    }
  }

  /** A paragraph that held only a display formula. */
  public static final class MathBlock extends CustomBlock {
    private final String tex;

    MathBlock(String tex) {
      this.tex = tex;
    }

    public String tex() {
      return tex;
    }
  }

  public static final class Factory implements InlineContentParserFactory {
    @Override
    public Set<Character> getTriggerCharacters() {
      return Set.of('$');
    }

    @Override
    public InlineContentParser create() {
      return new DollarParser();
    }
  }

  private static final class DollarParser implements InlineContentParser {
    private Scanner scanned;
    private Position displayFailedUntil;

    @Override
    public ParsedInline tryParse(InlineParserState state) {
      Scanner scanner = state.scanner();
      if (scanner != scanned) {
        scanned = scanner;
        displayFailedUntil = null;
      }
      Position start = scanner.position();
      scanner.next(); // the $
      if (scanner.peek() == '$') {
        scanner.next();
        return display(scanner, start);
      }
      char first = scanner.peek();
      if (first == ' ' || first == '\t' || first == '\n' || first == Scanner.END) {
        return ParsedInline.none();
      }
      Position content = scanner.position();
      char previous = 0;
      while (true) {
        char c = scanner.peek();
        if (c == Scanner.END || c == '`') {
          return ParsedInline.none();
        }
        if (c == '\\') {
          scanner.next();
          previous = scanner.peek();
          if (previous != Scanner.END) {
            scanner.next();
          }
          continue;
        }
        if (c == '$') {
          // The next dollar closes the formula, or this opening was not one: "$5 and $10".
          Position end = scanner.position();
          scanner.next();
          char after = scanner.peek();
          if (isSpace(previous) || (after >= '0' && after <= '9')) {
            return ParsedInline.none();
          }
          String tex = scanner.getSource(content, end).getContent();
          return ParsedInline.of(new MathInline(tex, false), scanner.position());
        }
        previous = c;
        scanner.next();
      }
    }

    private ParsedInline display(Scanner scanner, Position start) {
      if (displayFailedUntil != null && start.compareTo(displayFailedUntil) < 0) {
        return ParsedInline.of(new Text("$$"), scanner.position());
      }
      Position content = scanner.position();
      Position afterOpening = content;
      while (true) {
        char c = scanner.peek();
        if (c == Scanner.END || c == '`') {
          displayFailedUntil = scanner.position();
          scanner.setPosition(afterOpening);
          return ParsedInline.of(new Text("$$"), afterOpening);
        }
        if (c == '\\') {
          scanner.next();
          if (scanner.peek() != Scanner.END) {
            scanner.next();
          }
          continue;
        }
        if (c == '$') {
          Position end = scanner.position();
          scanner.next();
          if (scanner.peek() == '$') {
            scanner.next();
            String tex = scanner.getSource(content, end).getContent();
            if (tex.isBlank()) {
              return ParsedInline.of(new Text("$$$$"), scanner.position());
            }
            return ParsedInline.of(new MathInline(tex, true), scanner.position());
          }
          continue;
        }
        scanner.next();
      }
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n';
    }
  }

  /** Paragraphs that hold one display formula (and only spaces around it) become math blocks. */
  public static void promoteDisplayMath(Node document) {
    List<Paragraph> paragraphs = new ArrayList<>();
    collect(document, paragraphs);
    for (Paragraph p : paragraphs) {
      MathInline only = null;
      boolean alone = true;
      for (Node child = p.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof MathInline m && m.display && only == null) {
          only = m;
        } else if (!(child instanceof Text t && t.getLiteral().isBlank())
            && !(child instanceof SoftLineBreak)) {
          alone = false;
        }
      }
      if (only != null && alone) {
        p.insertBefore(new MathBlock(only.tex));
        p.unlink();
      }
    }
  }

  private static void collect(Node node, List<Paragraph> out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Paragraph p) {
        out.add(p);
      } else {
        collect(child, out);
      }
    }
  }
}
