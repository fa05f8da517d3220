package bloghome.pages;

import bloghome.pages.CodeLanguage.Feature;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Syntax highlighting of a code block on the server: the code, HTML-escaped, with its tokens in
 * {@code <span class="…">}. One left-to-right pass with at most a few characters of look-ahead and
 * no regular expression, so the time is linear in the code's length whatever it holds; an
 * unterminated string or comment runs to the end of its line (or of the block, for the forms that
 * span lines) and nothing throws.
 *
 * <p>Token classes, few on purpose: {@code kw} keyword (and literals such as {@code true}, {@code
 * null}), {@code str} string, character, regular expression and here-document, {@code com} comment,
 * {@code num} number, {@code typ} type name, {@code fn} function (called or built in), {@code attr}
 * annotation, decorator, object key, variable or preprocessor directive. Everything else is plain,
 * escaped text.
 */
final class Highlighter {
  static final String KEYWORD = "kw";
  static final String STRING = "str";
  static final String COMMENT = "com";
  static final String NUMBER = "num";
  static final String TYPE = "typ";
  static final String FUNCTION = "fn";
  static final String ATTRIBUTE = "attr";

  /** Every class a span may carry (site.css colours each; ContrastTest checks them). */
  static final List<String> TOKEN_CLASSES =
      List.of(KEYWORD, STRING, COMMENT, NUMBER, TYPE, FUNCTION, ATTRIBUTE);

  private final CodeLanguage lang;
  private final String code;
  private final int n;
  private final StringBuilder out;
  private int pos;
  private int plainFrom;

  /** What the last significant token was, to tell a regular expression from a division. */
  private boolean valueBefore;

  /**
   * After a {@code /} that opened no regular expression, no other one on its line is tried: each
   * try reads to the line's end, and trying every slash of a long line would be quadratic.
   */
  private int noRegexBefore;

  /** Open template-literal expressions ({@code ${…}}), each with its depth of nested braces. */
  private final Deque<int[]> templates = new ArrayDeque<>();

  /** Here-document delimiters waiting for the end of the current line (shell). */
  private final Deque<String[]> heredocs = new ArrayDeque<>();

  private Highlighter(CodeLanguage lang, String code) {
    this.lang = lang;
    this.code = code;
    this.n = code.length();
    this.out = new StringBuilder(code.length() + code.length() / 2 + 16);
  }

  /** The code, escaped, with spans for its tokens in the given language. */
  static String highlight(CodeLanguage lang, String code) {
    Highlighter h = new Highlighter(lang, code);
    if (lang.has(Feature.YAML)) {
      h.yaml();
    } else {
      h.scan();
    }
    h.flush(h.n);
    return h.out.toString();
  }

  /** The code, escaped, no spans. */
  static String plain(String code) {
    StringBuilder out = new StringBuilder(code.length() + 16);
    escape(code, 0, code.length(), out);
    return out.toString();
  }

  private void scan() {
    while (pos < n) {
      char c = code.charAt(pos);
      int start = pos;
      if (c == '\n') {
        pos++;
        if (!heredocs.isEmpty()) {
          heredocBodies();
        }
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (startsLineComment(c)) {
        pos = lineEnd(pos);
        emit(COMMENT, start);
      } else if (lang.blockComments() && c == '/' && at(pos + 1) == '*') {
        int close = code.indexOf("*/", pos + 2);
        pos = close < 0 ? n : close + 2;
        emit(COMMENT, start);
      } else if (c == '"' || c == '\'') {
        quoted(c, start);
      } else if (c == '`' && lang.has(Feature.TEMPLATE_LITERALS)) {
        pos++;
        template(start);
      } else if (c == '`' && lang.has(Feature.RAW_BACKTICK_STRINGS)) {
        int close = code.indexOf('`', pos + 1);
        pos = close < 0 ? n : close + 1;
        emit(STRING, start);
        valueBefore = true;
      } else if (c == '}' && !templates.isEmpty() && templates.peek()[0] == 0) {
        templates.pop();
        pos++;
        template(start);
      } else if (isDigit(c) || (c == '.' && isDigit(at(pos + 1)))) {
        number();
      } else if (isNameStart(c)) {
        word();
      } else if (c == '@' && lang.has(Feature.ANNOTATIONS) && isNameStart(at(pos + 1))) {
        pos++;
        while (pos < n && (isNamePart(code.charAt(pos)) || code.charAt(pos) == '.')) {
          pos++;
        }
        emit(ATTRIBUTE, start);
      } else if (c == '#' && lang.has(Feature.PREPROCESSOR) && onlySpacesBefore(pos)) {
        directive();
      } else if (c == '$' && lang.has(Feature.DOLLAR_VARIABLES)) {
        variable();
      } else if (c == '<' && lang.has(Feature.HEREDOCS) && at(pos + 1) == '<') {
        heredocStart();
      } else if (c == '/'
          && lang.has(Feature.REGEX_LITERALS)
          && !valueBefore
          && pos >= noRegexBefore) {
        regex();
      } else {
        if (!templates.isEmpty()) {
          if (c == '{') {
            templates.peek()[0]++;
          } else if (c == '}') {
            templates.peek()[0]--;
          }
        }
        valueBefore = c == ')' || c == ']' || c == '}';
        pos++;
      }
    }
  }

  private boolean startsLineComment(char c) {
    String marker = lang.lineComment();
    if (marker == null || c != marker.charAt(0) || !code.startsWith(marker, pos)) {
      return false;
    }
    if (lang.has(Feature.HASH_AT_WORD_START) && pos > 0) {
      char before = code.charAt(pos - 1);
      return before == ' ' || before == '\t' || before == '\n' || before == ';';
    }
    return true;
  }

  /** A string in single or double quotes, with its forms: triple quotes, SQL's doubling. */
  private void quoted(char quote, int start) {
    if (quote == '"' && lang.has(Feature.QUOTED_IDENTIFIERS)) {
      pos = pastInLine('"', pos + 1);
      valueBefore = true;
      return; // a name: plain text, but nothing inside it is a token
    }
    if (lang.has(Feature.TRIPLE_QUOTES)
        && at(pos + 1) == quote
        && at(pos + 2) == quote
        && (quote == '"' || lang.has(Feature.STRING_PREFIXES))) {
      pos += 3;
      while (pos < n
          && !(code.charAt(pos) == quote && code.startsWith("" + quote + quote + quote, pos))) {
        pos += code.charAt(pos) == '\\' ? 2 : 1;
      }
      pos = Math.min(n, pos + 3);
      stringToken(start);
      return;
    }
    boolean literal = quote == '\'' && lang.has(Feature.LITERAL_SINGLE_QUOTES);
    boolean shell = lang.has(Feature.DOLLAR_VARIABLES);
    quotedBody(quote, start, !literal, literal || shell);
  }

  /**
   * From the opening quote at {@code pos} to the closing one; a string token from {@code start}.
   */
  private void quotedBody(char quote, int start, boolean escapes, boolean multiline) {
    pos++;
    while (pos < n) {
      char c = code.charAt(pos);
      if (c == quote) {
        if (!escapes && lang.has(Feature.QUOTED_IDENTIFIERS) && at(pos + 1) == quote) {
          pos += 2; // SQL's '' inside a string
          continue;
        }
        pos++;
        break;
      }
      if (c == '\n' && !multiline) {
        break; // unterminated: the string ends with its line
      }
      pos += c == '\\' && escapes && pos + 1 < n ? 2 : 1;
    }
    stringToken(start);
  }

  /** A string token, and a JSON object key shown as a key when a colon follows it. */
  private void stringToken(int start) {
    if (lang.has(Feature.OBJECT_KEYS)) {
      int after = pos;
      while (after < n && (code.charAt(after) == ' ' || code.charAt(after) == '\t')) {
        after++;
      }
      if (at(after) == ':') {
        emit(ATTRIBUTE, start);
        valueBefore = true;
        return;
      }
    }
    emit(STRING, start);
    valueBefore = true;
  }

  /**
   * A template literal from {@code start} (its opening backtick or the {@code }} closing an
   * expression) to its closing backtick, or to a {@code ${} opening an expression, whose tokens are
   * then scanned as code until its closing brace comes back here.
   */
  private void template(int start) {
    while (pos < n) {
      char c = code.charAt(pos);
      if (c == '\\') {
        pos += 2;
      } else if (c == '`') {
        pos++;
        break;
      } else if (c == '$' && at(pos + 1) == '{') {
        pos += 2;
        templates.push(new int[] {0});
        emit(STRING, start);
        valueBefore = false;
        return;
      } else {
        pos++;
      }
    }
    pos = Math.min(pos, n);
    emit(STRING, start);
    valueBefore = true;
  }

  private void number() {
    int start = pos;
    boolean hex = code.charAt(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X');
    while (pos < n) {
      char c = code.charAt(pos);
      if (isDigit(c) || c == '_' || c == '.' || (c < 128 && Character.isLetter(c))) {
        pos++;
        if (!hex && (c == 'e' || c == 'E') && (at(pos) == '+' || at(pos) == '-')) {
          pos++;
        }
      } else {
        break;
      }
    }
    emit(NUMBER, start);
    valueBefore = true;
  }

  private void word() {
    int start = pos;
    pos++;
    while (pos < n && isNamePart(code.charAt(pos))) {
      pos++;
    }
    if (lang.has(Feature.STRING_PREFIXES)
        && pos - start <= 2
        && (at(pos) == '"' || at(pos) == '\'')
        && isStringPrefix(code.substring(start, pos))) {
      quoted(code.charAt(pos), start); // the prefix is part of the string
      return;
    }
    String w = code.substring(start, pos);
    valueBefore = true;
    if (lang.isKeyword(w)) {
      emit(KEYWORD, start);
      valueBefore = w.equals("this") || w.equals("true") || w.equals("false") || w.equals("null");
    } else if (lang.isType(w)) {
      emit(TYPE, start);
    } else if (lang.builtins().contains(w)) {
      emit(FUNCTION, start);
    } else if (lang.has(Feature.CAPITALISED_TYPES)
        && Character.isUpperCase(w.charAt(0))
        && hasLowerCase(w)) {
      emit(TYPE, start);
    } else if (lang.has(Feature.CALLS) && at(pos) == '(') {
      emit(FUNCTION, start);
    }
  }

  private static boolean hasLowerCase(String w) {
    for (int i = 1; i < w.length(); i++) {
      if (Character.isLowerCase(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStringPrefix(String p) {
    String s = p.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "r", "b", "f", "u", "rb", "br", "fr", "rf" -> true;
      default -> false;
    };
  }

  /** {@code #include <x.h>}: the directive, and what it includes as a string. */
  private void directive() {
    int start = pos;
    pos++;
    while (pos < n && (code.charAt(pos) == ' ' || code.charAt(pos) == '\t')) {
      pos++;
    }
    while (pos < n && isNamePart(code.charAt(pos))) {
      pos++;
    }
    boolean include = code.substring(start, pos).endsWith("include");
    emit(ATTRIBUTE, start);
    if (include) {
      while (pos < n && (code.charAt(pos) == ' ' || code.charAt(pos) == '\t')) {
        pos++;
      }
      if (at(pos) == '<') {
        int from = pos;
        pos = pastInLine('>', pos);
        emit(STRING, from);
      }
    }
  }

  /** {@code $name}, {@code ${…}} (to its brace on the line), {@code $1}, {@code $?}. */
  private void variable() {
    int start = pos;
    pos++;
    char c = at(pos);
    if (c == '{') {
      pos = pastInLine('}', pos);
    } else if (c == '\'') {
      quotedBody('\'', start, true, true); // $'…': with escapes
      return;
    } else if (isNameStart(c)) {
      while (pos < n && isNamePart(code.charAt(pos))) {
        pos++;
      }
    } else if (isDigit(c) || (c != 0 && "@*#?$!-".indexOf(c) >= 0)) {
      pos++;
    } else {
      return; // a lone $: plain
    }
    emit(ATTRIBUTE, start);
  }

  /** {@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'}, {@code <<"EOF"}: remembers the delimiter. */
  private void heredocStart() {
    int start = pos;
    int p = pos + 2;
    if (at(p) == '<') {
      pos = p + 1; // <<< here-string: the word after it is scanned as usual
      return;
    }
    boolean strip = at(p) == '-';
    if (strip) {
      p++;
    }
    while (at(p) == ' ') {
      p++;
    }
    char q = at(p);
    if (q == '\'' || q == '"') {
      p++;
    }
    int wordStart = p;
    if (!isNameStart(at(p))) {
      pos += 2; // a shift, as in $((1 << 2)): not a here-document
      return;
    }
    while (p < n && (isNamePart(code.charAt(p)))) {
      p++;
    }
    if (p == wordStart) {
      pos += 2;
      return;
    }
    String word = code.substring(wordStart, p);
    if ((q == '\'' || q == '"') && at(p) == q) {
      p++;
    }
    pos = p;
    emit(STRING, start);
    heredocs.add(new String[] {word, strip ? "-" : ""});
  }

  /** At the start of the line after a here-document's start: its body up to the delimiter. */
  private void heredocBodies() {
    while (!heredocs.isEmpty() && pos < n) {
      String[] doc = heredocs.poll();
      int start = pos;
      while (pos < n) {
        int eol = lineEnd(pos);
        int from = pos;
        if (doc[1].equals("-")) {
          while (from < eol && code.charAt(from) == '\t') {
            from++;
          }
        }
        boolean last = code.substring(from, eol).strip().equals(doc[0]);
        pos = eol < n ? eol + 1 : n;
        if (last) {
          break;
        }
      }
      emit(STRING, start);
    }
    heredocs.clear();
  }

  /**
   * {@code /re/flags} where a value may start: to its unescaped slash outside a class, on the line.
   */
  private void regex() {
    int start = pos;
    int p = pos + 1;
    boolean inClass = false;
    while (p < n) {
      char c = code.charAt(p);
      if (c == '\n') {
        pos++; // not a regular expression: a lone slash
        valueBefore = false;
        noRegexBefore = p;
        return;
      }
      if (c == '\\') {
        p += 2;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        break;
      }
      p++;
    }
    if (p >= n) {
      pos++;
      valueBefore = false;
      noRegexBefore = n;
      return;
    }
    pos = p + 1;
    while (pos < n && Character.isLetter(code.charAt(pos)) && code.charAt(pos) < 128) {
      pos++;
    }
    emit(STRING, start);
    valueBefore = true;
  }

  /**
   * YAML, line by line: comments, {@code key:} (an attribute), {@code - } items, quoted strings,
   * numbers, booleans and null, anchors and tags, and block scalars ({@code |}, {@code >}) whose
   * more indented lines are one string.
   */
  private void yaml() {
    int blockIndent = -1;
    while (pos < n) {
      int eol = lineEnd(pos);
      int indent = 0;
      while (pos + indent < eol && code.charAt(pos + indent) == ' ') {
        indent++;
      }
      if (blockIndent >= 0) {
        boolean blank = pos + indent == eol;
        if (blank || indent > blockIndent) {
          int start = pos;
          pos = eol;
          if (!blank) {
            emit(STRING, start);
          }
          pos = eol < n ? eol + 1 : n;
          continue;
        }
        blockIndent = -1;
      }
      pos += indent;
      yamlLine(eol);
      if (pos < eol) {
        pos = eol;
      }
      if (endsWithBlockScalar(eol)) {
        blockIndent = indent;
      }
      pos = eol < n ? eol + 1 : n;
    }
  }

  private boolean endsWithBlockScalar(int eol) {
    int end = eol;
    while (end > 0 && (code.charAt(end - 1) == ' ' || code.charAt(end - 1) == '\r')) {
      end--;
    }
    int p = end;
    while (p > 0 && "+-0123456789".indexOf(code.charAt(p - 1)) >= 0) {
      p--;
    }
    if (p == 0 || (code.charAt(p - 1) != '|' && code.charAt(p - 1) != '>')) {
      return false;
    }
    char before = p - 2 >= 0 ? code.charAt(p - 2) : ' ';
    return before == ' ' || before == ':' || before == '-' || before == '\n';
  }

  private void yamlLine(int eol) {
    while (pos < eol
        && code.charAt(pos) == '-'
        && (pos + 1 == eol || code.charAt(pos + 1) == ' ')) {
      pos++;
      while (pos < eol && code.charAt(pos) == ' ') {
        pos++;
      }
    }
    if (code.startsWith("---", pos) || code.startsWith("...", pos)) {
      int start = pos;
      pos += 3;
      emit(KEYWORD, start);
    }
    // A key: up to ": " or ":" at the end of the line, when the line does not start a value.
    if (pos < eol && "\"'#[{|>&*!".indexOf(code.charAt(pos)) < 0) {
      int colon = -1;
      for (int p = pos; p < eol; p++) {
        char c = code.charAt(p);
        if (c == '#' && p > pos && code.charAt(p - 1) == ' ') {
          break;
        }
        if (c == ':' && (p + 1 == eol || code.charAt(p + 1) == ' ' || code.charAt(p + 1) == '\r')) {
          colon = p;
          break;
        }
      }
      if (colon > pos) {
        int start = pos;
        pos = colon;
        emit(ATTRIBUTE, start);
        pos++;
      }
    }
    while (pos < eol) {
      char c = code.charAt(pos);
      int start = pos;
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#' && (pos == 0 || " \t".indexOf(code.charAt(pos - 1)) >= 0)) {
        pos = eol;
        emit(COMMENT, start);
      } else if (c == '"' || c == '\'') {
        pos++;
        while (pos < eol) {
          char d = code.charAt(pos);
          if (d == '\\' && c == '"') {
            pos += 2;
            continue;
          }
          pos++;
          if (d == c) {
            if (c == '\'' && pos < eol && code.charAt(pos) == '\'') {
              pos++;
              continue;
            }
            break;
          }
        }
        pos = Math.min(pos, eol);
        emit(STRING, start);
      } else if (c == '&' || c == '*' || c == '!') {
        pos++;
        while (pos < eol && " \t,]}".indexOf(code.charAt(pos)) < 0) {
          pos++;
        }
        emit(TYPE, start);
      } else if ("[]{},".indexOf(c) >= 0) {
        pos++;
      } else {
        // a plain scalar, up to a comment or a flow separator
        while (pos < eol
            && ",]}".indexOf(code.charAt(pos)) < 0
            && !(code.charAt(pos) == '#' && code.charAt(pos - 1) == ' ')) {
          pos++;
        }
        int end = pos;
        while (end > start && code.charAt(end - 1) == ' ') {
          end--;
        }
        String scalar = code.substring(start, end);
        int after = pos;
        pos = end;
        if (lang.isKeyword(scalar)) {
          emit(KEYWORD, start);
        } else if (isYamlNumber(scalar)) {
          emit(NUMBER, start);
        }
        pos = after;
      }
    }
  }

  private static boolean isYamlNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (i == s.length() || !(isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isDigit(c)
          || c == '.'
          || c == '_'
          || c == 'e'
          || c == 'E'
          || c == '+'
          || c == '-'
          || c == 'x'
          || (c >= 'a' && c <= 'f')
          || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private boolean onlySpacesBefore(int p) {
    for (int i = p - 1; i >= 0; i--) {
      char c = code.charAt(i);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Just past the first {@code c} from {@code from} on the same line, else the line's end. Looks no
   * further than the line, so many unclosed openers on many lines stay linear.
   */
  private int pastInLine(char c, int from) {
    for (int p = from; p < n; p++) {
      char d = code.charAt(p);
      if (d == c) {
        return p + 1;
      }
      if (d == '\n') {
        return p;
      }
    }
    return n;
  }

  private int lineEnd(int from) {
    int eol = code.indexOf('\n', from);
    return eol < 0 ? n : eol;
  }

  private char at(int p) {
    return p < n ? code.charAt(p) : 0;
  }

  private boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c == '$' && lang.has(Feature.DOLLAR_IN_NAMES))
        || (c >= 128 && Character.isLetter(c));
  }

  private boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Emits the plain text before {@code start}, then {@code [start, pos)} as one token. */
  private void emit(String cls, int start) {
    if (pos <= start) {
      return;
    }
    flush(start);
    out.append("<span class=\"").append(cls).append("\">");
    escape(code, start, pos, out);
    out.append("</span>");
    plainFrom = pos;
  }

  private void flush(int upTo) {
    if (upTo > plainFrom) {
      escape(code, plainFrom, upTo, out);
      plainFrom = upTo;
    }
  }

  static void escape(String s, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
  }
}
