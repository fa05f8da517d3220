package bloghome.stats.visitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a bot pattern and finds, for each of its top-level alternatives, a piece of plain text that
 * any match of that alternative must contain. {@link BotDetector} indexes that text so it only runs
 * a regular expression when the text is present.
 *
 * <p>It understands the small part of regex syntax the crawler list uses (literals, escaped
 * punctuation, {@code [xX]} case pairs, groups, classes, anchors and quantifiers). Anything it does
 * not understand makes it give up ({@link Optional#empty()}), and the pattern is then run on every
 * User-Agent instead: being unsure costs speed, never a missed bot. Text is folded to ASCII lower
 * case, matching {@link java.util.regex.Pattern#CASE_INSENSITIVE} without Unicode case.
 */
final class RequiredText {

  /**
   * One top-level alternative of a pattern.
   *
   * @param text lower-case text every match contains; never empty
   * @param isWholeAlternative true when the alternative matches exactly this text and nothing else,
   *     so finding the text is a match by itself
   */
  record Alternative(String text, boolean isWholeAlternative) {}

  /** Escapes naming one character class, which are safe to treat as "some character". */
  private static final String CLASS_ESCAPES = "dDsSwWhHvV";

  /** Zero-width escapes (word boundaries). */
  private static final String BOUNDARY_ESCAPES = "bB";

  private final String pattern;
  private int pos;

  private RequiredText(String pattern) {
    this.pattern = pattern;
  }

  /**
   * Returns one entry per top-level alternative, or empty when the pattern uses syntax this class
   * does not read or when some alternative has no required text.
   */
  static Optional<List<Alternative>> of(String pattern) {
    try {
      return new RequiredText(pattern).readAlternatives();
    } catch (Unreadable e) {
      return Optional.empty();
    }
  }

  static char foldCase(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private Optional<List<Alternative>> readAlternatives() {
    List<Alternative> alternatives = new ArrayList<>();
    Scan scan = new Scan();
    while (pos < pattern.length()) {
      char c = pattern.charAt(pos);
      switch (c) {
        case '|' -> {
          pos++;
          alternatives.add(scan.finish());
          scan = new Scan();
        }
        case '\\' -> readEscape(scan);
        case '[' -> readClass(scan);
        case '(' -> {
          skipGroup();
          scan.other();
        }
        case '.', '^', '$' -> {
          pos++;
          scan.other();
        }
        case '?', '*' -> {
          pos++;
          scan.quantifier(true);
        }
        case '+' -> {
          pos++;
          scan.quantifier(false);
        }
        case '{' -> {
          skipPast('}');
          // {n,m} may allow zero repeats; treating it as optional is always safe.
          scan.quantifier(true);
        }
        case ')' -> throw new Unreadable();
        default -> {
          pos++;
          scan.literal(c);
        }
      }
    }
    alternatives.add(scan.finish());
    for (Alternative alternative : alternatives) {
      if (alternative.text().isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(alternatives));
  }

  private void readEscape(Scan scan) {
    if (pos + 1 >= pattern.length()) {
      throw new Unreadable();
    }
    char escaped = pattern.charAt(pos + 1);
    pos += 2;
    if (!Character.isLetterOrDigit(escaped)) {
      scan.literal(escaped); // a backslash before punctuation always means the character itself
    } else if (CLASS_ESCAPES.indexOf(escaped) >= 0 || BOUNDARY_ESCAPES.indexOf(escaped) >= 0) {
      scan.other();
    } else {
      // \x41, \u0041, \p{L}, \Q..\E, back-references: not worth reading.
      throw new Unreadable();
    }
  }

  /**
   * A class of two case variants of one letter ({@code [wW]}) is that letter; others break text.
   */
  private void readClass(Scan scan) {
    if (pos + 3 < pattern.length() && pattern.charAt(pos + 3) == ']') {
      char a = pattern.charAt(pos + 1);
      char b = pattern.charAt(pos + 2);
      if (Character.isLetter(a) && a != b && foldCase(a) == foldCase(b)) {
        pos += 4;
        scan.literal(a);
        return;
      }
    }
    skipClass();
    scan.other();
  }

  /** Moves past a character class, which may nest ({@code [a-z&&[^x]]}) and escape brackets. */
  private void skipClass() {
    int depth = 0;
    while (pos < pattern.length()) {
      char c = pattern.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        pos++;
        // A ']' first in a class (after an optional '^') is a literal bracket.
        if (pos < pattern.length() && pattern.charAt(pos) == '^') {
          pos++;
        }
        if (pos < pattern.length() && pattern.charAt(pos) == ']') {
          pos++;
        }
        continue;
      }
      pos++;
      if (c == ']' && --depth == 0) {
        return;
      }
    }
    throw new Unreadable();
  }

  /** Moves past a parenthesised group; its content is not read, so it never counts as text. */
  private void skipGroup() {
    int depth = 0;
    while (pos < pattern.length()) {
      char c = pattern.charAt(pos);
      switch (c) {
        case '\\' -> pos += 2;
        case '[' -> skipClass();
        case '(' -> {
          depth++;
          pos++;
        }
        case ')' -> {
          pos++;
          if (--depth == 0) {
            return;
          }
        }
        default -> pos++;
      }
    }
    throw new Unreadable();
  }

  private void skipPast(char end) {
    int at = pattern.indexOf(end, pos);
    if (at < 0) {
      throw new Unreadable();
    }
    pos = at + 1;
  }

  /** The text runs of one alternative; keeps the longest run that is certainly required. */
  private static final class Scan {
    private final StringBuilder run = new StringBuilder();
    private String longest = "";
    private boolean onlyLiterals = true;
    private boolean lastWasLiteral;

    void literal(char c) {
      run.append(foldCase(c));
      lastWasLiteral = true;
    }

    void other() {
      onlyLiterals = false;
      endRun();
    }

    /** A quantifier applies to the atom before it: drop it from the run if it may be absent. */
    void quantifier(boolean allowsZero) {
      onlyLiterals = false;
      if (allowsZero && lastWasLiteral) {
        run.setLength(run.length() - 1);
      }
      endRun();
    }

    Alternative finish() {
      boolean whole = onlyLiterals;
      endRun();
      return new Alternative(longest, whole);
    }

    private void endRun() {
      if (run.length() > longest.length()) {
        longest = run.toString();
      }
      run.setLength(0);
      lastWasLiteral = false;
    }
  }

  private static final class Unreadable extends RuntimeException {
    Unreadable() {
      super(null, null, false, false);
    }
  }
}
