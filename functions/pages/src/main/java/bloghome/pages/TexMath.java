package bloghome.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subset of TeX's math notation to MathML Core, which browsers lay out natively (no script, no
 * web font). One recursive-descent pass over the source, nesting at most {@link #MAX_DEPTH} deep,
 * so the time is linear in the source; nothing throws: an unknown command shows as its own source
 * in an {@code <merror>}, and a formula that cannot be read at all as its escaped source.
 *
 * <p>Supported: letters, numbers, operators; {@code ^ _ ' {}}; {@code \frac \dfrac \tfrac \binom
 * \sqrt \sqrt[n]}; Greek letters; relations, arrows, set and logic symbols; big operators ({@code
 * \sum \prod \int \oint \bigcup}…) and limits ({@code \lim \max}…); function names ({@code \sin
 * \log}…); {@code \left… \middle… \right…}; {@code \text \mathrm \operatorname \mathbf \mathbb
 * \mathcal \boldsymbol}; accents ({@code \hat \bar \vec \dot \tilde \overline}, under-lines);
 * spaces ({@code \, \; \quad}…); environments {@code matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix
 * cases aligned}.
 */
final class TexMath {
  static final int MAX_DEPTH = 40;

  private static final Map<String, String> GREEK = new HashMap<>();
  private static final Map<String, String> IDENTIFIERS = new HashMap<>();
  private static final Map<String, String> OPERATORS = new HashMap<>();
  private static final Map<String, String> BIG_OPERATORS = new HashMap<>();
  private static final Map<String, String> ACCENTS = new HashMap<>();
  private static final Map<String, String> SPACES = new HashMap<>();
  private static final Map<String, String> DELIMITERS = new HashMap<>();
  private static final Set<String> FUNCTIONS =
      Set.of(
          "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
          "tanh", "coth", "log", "ln", "lg", "exp", "det", "dim", "ker", "deg", "gcd", "hom", "arg",
          "Pr", "mod", "bmod");
  private static final Set<String> LIMITS =
      Set.of("lim", "liminf", "limsup", "max", "min", "sup", "inf", "argmax", "argmin");
  private static final Set<String> IGNORED =
      Set.of(
          "displaystyle",
          "textstyle",
          "scriptstyle",
          "limits",
          "nolimits",
          "mathstrut",
          "strut",
          "big",
          "Big",
          "bigg",
          "Bigg",
          "bigl",
          "bigr",
          "Bigl",
          "Bigr",
          "nonumber");
  private static final Map<String, String[]> ENVIRONMENTS =
      Map.of(
          "matrix", new String[] {"", ""},
          "smallmatrix", new String[] {"", ""},
          "pmatrix", new String[] {"(", ")"},
          "bmatrix", new String[] {"[", "]"},
          "Bmatrix", new String[] {"{", "}"},
          "vmatrix", new String[] {"|", "|"},
          "Vmatrix", new String[] {"‖", "‖"},
          "cases", new String[] {"{", ""},
          "aligned", new String[] {"", ""},
          "array", new String[] {"", ""});

  static {
    String[][] greek = {
      {"alpha", "α"},
      {"beta", "β"},
      {"gamma", "γ"},
      {"delta", "δ"},
      {"epsilon", "ϵ"},
      {"varepsilon", "ε"},
      {"zeta", "ζ"},
      {"eta", "η"},
      {"theta", "θ"},
      {"vartheta", "ϑ"},
      {"iota", "ι"},
      {"kappa", "κ"},
      {"lambda", "λ"},
      {"mu", "μ"},
      {"nu", "ν"},
      {"xi", "ξ"},
      {"pi", "π"},
      {"varpi", "ϖ"},
      {"rho", "ρ"},
      {"varrho", "ϱ"},
      {"sigma", "σ"},
      {"varsigma", "ς"},
      {"tau", "τ"},
      {"upsilon", "υ"},
      {"phi", "ϕ"},
      {"varphi", "φ"},
      {"chi", "χ"},
      {"psi", "ψ"},
      {"omega", "ω"},
      {"Gamma", "Γ"},
      {"Delta", "Δ"},
      {"Theta", "Θ"},
      {"Lambda", "Λ"},
      {"Xi", "Ξ"},
      {"Pi", "Π"},
      {"Sigma", "Σ"},
      {"Upsilon", "Υ"},
      {"Phi", "Φ"},
      {"Psi", "Ψ"},
      {"Omega", "Ω"}
    };
    for (String[] g : greek) {
      GREEK.put(g[0], g[1]);
    }
    String[][] identifiers = {
      {"infty", "∞"},
      {"partial", "∂"},
      {"nabla", "∇"},
      {"emptyset", "∅"},
      {"varnothing", "∅"},
      {"hbar", "ℏ"},
      {"ell", "ℓ"},
      {"aleph", "ℵ"},
      {"Re", "ℜ"},
      {"Im", "ℑ"},
      {"wp", "℘"},
      {"imath", "ı"},
      {"jmath", "ȷ"}
    };
    for (String[] i : identifiers) {
      IDENTIFIERS.put(i[0], i[1]);
    }
    String[][] operators = {
      {"le", "≤"},
      {"leq", "≤"},
      {"ge", "≥"},
      {"geq", "≥"},
      {"ne", "≠"},
      {"neq", "≠"},
      {"approx", "≈"},
      {"equiv", "≡"},
      {"sim", "∼"},
      {"simeq", "≃"},
      {"cong", "≅"},
      {"propto", "∝"},
      {"cdot", "⋅"},
      {"times", "×"},
      {"div", "÷"},
      {"pm", "±"},
      {"mp", "∓"},
      {"to", "→"},
      {"rightarrow", "→"},
      {"leftarrow", "←"},
      {"gets", "←"},
      {"Rightarrow", "⇒"},
      {"Leftarrow", "⇐"},
      {"leftrightarrow", "↔"},
      {"Leftrightarrow", "⇔"},
      {"iff", "⟺"},
      {"implies", "⟹"},
      {"impliedby", "⟸"},
      {"mapsto", "↦"},
      {"longrightarrow", "⟶"},
      {"longleftarrow", "⟵"},
      {"uparrow", "↑"},
      {"downarrow", "↓"},
      {"in", "∈"},
      {"notin", "∉"},
      {"ni", "∋"},
      {"subset", "⊂"},
      {"subseteq", "⊆"},
      {"supset", "⊃"},
      {"supseteq", "⊇"},
      {"cup", "∪"},
      {"cap", "∩"},
      {"setminus", "∖"},
      {"forall", "∀"},
      {"exists", "∃"},
      {"nexists", "∄"},
      {"neg", "¬"},
      {"lnot", "¬"},
      {"land", "∧"},
      {"wedge", "∧"},
      {"lor", "∨"},
      {"vee", "∨"},
      {"oplus", "⊕"},
      {"otimes", "⊗"},
      {"circ", "∘"},
      {"bullet", "∙"},
      {"star", "⋆"},
      {"ast", "∗"},
      {"ldots", "…"},
      {"cdots", "⋯"},
      {"vdots", "⋮"},
      {"ddots", "⋱"},
      {"dots", "…"},
      {"ll", "≪"},
      {"gg", "≫"},
      {"perp", "⊥"},
      {"parallel", "∥"},
      {"mid", "∣"},
      {"angle", "∠"},
      {"triangle", "△"},
      {"prime", "′"},
      {"colon", ":"},
      {"lt", "<"},
      {"gt", ">"},
      {"vert", "|"},
      {"Vert", "‖"},
      {"langle", "⟨"},
      {"rangle", "⟩"},
      {"lfloor", "⌊"},
      {"rfloor", "⌋"},
      {"lceil", "⌈"},
      {"rceil", "⌉"},
      {"models", "⊨"},
      {"vdash", "⊢"},
      {"top", "⊤"},
      {"bot", "⊥"},
      {"prec", "≺"},
      {"succ", "≻"},
      {"preceq", "⪯"},
      {"succeq", "⪰"},
      {"therefore", "∴"},
      {"because", "∵"},
      {"{", "{"},
      {"}", "}"},
      {"|", "‖"},
      {"%", "%"},
      {"$", "$"},
      {"&", "&"},
      {"#", "#"},
      {"_", "_"}
    };
    for (String[] o : operators) {
      OPERATORS.put(o[0], o[1]);
    }
    String[][] big = {
      {"sum", "∑"},
      {"prod", "∏"},
      {"coprod", "∐"},
      {"bigcup", "⋃"},
      {"bigcap", "⋂"},
      {"bigoplus", "⨁"},
      {"bigotimes", "⨂"},
      {"bigvee", "⋁"},
      {"bigwedge", "⋀"},
      {"int", "∫"},
      {"iint", "∬"},
      {"iiint", "∭"},
      {"oint", "∮"}
    };
    for (String[] b : big) {
      BIG_OPERATORS.put(b[0], b[1]);
    }
    String[][] accents = {
      {"hat", "^"}, {"widehat", "^"}, {"bar", "¯"}, {"overline", "‾"}, {"vec", "→"},
      {"overrightarrow", "→"}, {"dot", "˙"}, {"ddot", "¨"}, {"tilde", "˜"}, {"widetilde", "˜"},
      {"check", "ˇ"}, {"breve", "˘"}, {"acute", "´"}, {"grave", "`"}, {"underline", "_"},
      {"overbrace", "⏞"}, {"underbrace", "⏟"}
    };
    for (String[] a : accents) {
      ACCENTS.put(a[0], a[1]);
    }
    String[][] spaces = {
      {",", "0.1667em"},
      {":", "0.2222em"},
      {">", "0.2222em"},
      {";", "0.2778em"},
      {" ", "0.25em"},
      {"quad", "1em"},
      {"qquad", "2em"},
      {"enspace", "0.5em"},
      {"!", "0"}
    };
    for (String[] s : spaces) {
      SPACES.put(s[0], s[1]);
    }
    String[][] delimiters = {
      {"(", "("},
      {")", ")"},
      {"[", "["},
      {"]", "]"},
      {"|", "|"},
      {"/", "/"},
      {".", ""},
      {"\\{", "{"},
      {"\\}", "}"},
      {"\\lbrace", "{"},
      {"\\rbrace", "}"},
      {"\\|", "‖"},
      {"\\Vert", "‖"},
      {"\\vert", "|"},
      {"\\langle", "⟨"},
      {"\\rangle", "⟩"},
      {"\\lfloor", "⌊"},
      {"\\rfloor", "⌋"},
      {"\\lceil", "⌈"},
      {"\\rceil", "⌉"},
      {"\\lvert", "|"},
      {"\\rvert", "|"},
      {"\\lVert", "‖"},
      {"\\rVert", "‖"},
      {"<", "⟨"},
      {">", "⟩"},
      {"\\backslash", "\\"},
      {"\\uparrow", "↑"},
      {"\\downarrow", "↓"}
    };
    for (String[] d : delimiters) {
      DELIMITERS.put(d[0], d[1]);
    }
  }

  private final String src;
  private final int n;
  private int pos;
  private int depth;

  private TexMath(String src) {
    this.src = src;
    this.n = src.length();
  }

  /** The formula as a {@code <math>} element, with its TeX source as an annotation. */
  static String toMathMl(String tex, boolean display) {
    StringBuilder out = new StringBuilder(tex.length() * 4 + 96);
    out.append(display ? "<math display=\"block\">" : "<math>");
    out.append("<semantics>");
    String body;
    try {
      TexMath parser = new TexMath(tex);
      body = parser.top();
    } catch (TooDeep | RuntimeException e) {
      body = "<merror><mtext>" + escape(tex) + "</mtext></merror>";
    }
    out.append(body);
    out.append("<annotation encoding=\"application/x-tex\">")
        .append(escape(tex))
        .append("</annotation></semantics></math>");
    return out.toString();
  }

  private static final class TooDeep extends Exception {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  /** The whole source; stray closing braces, {@code &}, {@code \\} and ends become errors. */
  private String top() throws TooDeep {
    List<String> items = new ArrayList<>();
    while (true) {
      items.addAll(list());
      if (pos >= n) {
        break;
      }
      if (src.startsWith("\\\\", pos)) {
        pos += 2; // a line break outside an environment: ignored
      } else {
        items.add(stray());
      }
    }
    return row(items);
  }

  /**
   * Items up to the end, a closing brace, {@code &}, {@code \\}, {@code \right} or {@code \end}.
   */
  private List<String> list() throws TooDeep {
    List<String> items = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (pos >= n || atStop()) {
        return items;
      }
      String item = scripted();
      if (item != null) {
        items.add(item);
      }
    }
  }

  private boolean atStop() {
    char c = src.charAt(pos);
    if (c == '}' || c == '&') {
      return true;
    }
    if (c != '\\') {
      return false;
    }
    return src.startsWith("\\\\", pos)
        || isCommand("right")
        || isCommand("end")
        || isCommand("middle");
  }

  private boolean isCommand(String name) {
    return src.startsWith(name, pos + 1)
        && !(pos + 1 + name.length() < n && isLetter(src.charAt(pos + 1 + name.length())));
  }

  /** An atom with its sub- and superscripts. */
  private String scripted() throws TooDeep {
    boolean[] movable = {false};
    String base;
    char c = src.charAt(pos);
    if (c == '^' || c == '_') {
      base = "<mrow></mrow>";
    } else {
      base = atom(movable);
      if (base == null) {
        return null;
      }
    }
    String sub = null;
    String sup = null;
    while (true) {
      skipSpaces();
      if (pos >= n) {
        break;
      }
      c = src.charAt(pos);
      if (c == '_' && sub == null) {
        pos++;
        sub = argument();
      } else if (c == '^' && sup == null) {
        pos++;
        sup = argument();
      } else if (c == '\'') {
        int primes = 0;
        while (pos < n && src.charAt(pos) == '\'') {
          primes++;
          pos++;
        }
        String p = "<mo>" + "′".repeat(Math.min(primes, 4)) + "</mo>";
        sup = sup == null ? p : "<mrow>" + p + sup + "</mrow>";
      } else {
        break;
      }
    }
    if (sub == null && sup == null) {
      return base;
    }
    String under = movable[0] ? "munder" : "msub";
    String over = movable[0] ? "mover" : "msup";
    String both = movable[0] ? "munderover" : "msubsup";
    if (sup == null) {
      return "<" + under + ">" + base + sub + "</" + under + ">";
    }
    if (sub == null) {
      return "<" + over + ">" + base + sup + "</" + over + ">";
    }
    return "<" + both + ">" + base + sub + sup + "</" + both + ">";
  }

  /** A script or command argument: one character, one command or a group. */
  private String argument() throws TooDeep {
    skipSpaces();
    if (pos >= n || atStop()) {
      return "<mrow></mrow>";
    }
    char c = src.charAt(pos);
    if (c == '^' || c == '_') {
      pos++;
      return error(String.valueOf(c));
    }
    if (c == '{') {
      return atom(new boolean[1]);
    }
    if (Character.isDigit(c)) {
      pos++;
      return "<mn>" + c + "</mn>"; // x^23 is x² then 3, as in TeX
    }
    String a = atom(new boolean[1]);
    return a == null ? "<mrow></mrow>" : a;
  }

  /** One atom, or null for something that renders as nothing ({@code \displaystyle}). */
  private String atom(boolean[] movable) throws TooDeep {
    char c = src.charAt(pos);
    if (c == '{') {
      pos++;
      enter();
      List<String> items = list();
      depth--;
      if (pos < n && src.charAt(pos) == '}') {
        pos++;
      }
      return row(items);
    }
    if (c == '\\') {
      return command(movable);
    }
    if (isLetter(c)) {
      pos++;
      return "<mi>" + c + "</mi>";
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1)))) {
      int start = pos;
      while (pos < n
          && (Character.isDigit(src.charAt(pos))
              || (src.charAt(pos) == '.'
                  && pos + 1 < n
                  && Character.isDigit(src.charAt(pos + 1))))) {
        pos++;
      }
      return "<mn>" + src.substring(start, pos) + "</mn>";
    }
    int cp = src.codePointAt(pos);
    pos += Character.charCount(cp);
    String s = new String(Character.toChars(cp));
    if (Character.isLetter(cp)) {
      return "<mi>" + escape(s) + "</mi>";
    }
    if (c == '~') {
      return "<mspace width=\"0.25em\"></mspace>";
    }
    if (c == '-') {
      return "<mo>−</mo>";
    }
    return "<mo>" + escape(s) + "</mo>";
  }

  private String command(boolean[] movable) throws TooDeep {
    int start = pos;
    pos++;
    if (pos >= n) {
      return error("\\");
    }
    String name;
    if (isLetter(src.charAt(pos))) {
      int from = pos;
      while (pos < n && isLetter(src.charAt(pos))) {
        pos++;
      }
      name = src.substring(from, pos);
    } else {
      name = String.valueOf(src.charAt(pos));
      pos++;
    }
    if (SPACES.containsKey(name)) {
      return "<mspace width=\"" + SPACES.get(name) + "\"></mspace>";
    }
    if (GREEK.containsKey(name)) {
      String g = GREEK.get(name);
      return Character.isUpperCase(name.charAt(0))
          ? "<mi mathvariant=\"normal\">" + g + "</mi>"
          : "<mi>" + g + "</mi>";
    }
    if (IDENTIFIERS.containsKey(name)) {
      return "<mi>" + IDENTIFIERS.get(name) + "</mi>";
    }
    if (OPERATORS.containsKey(name)) {
      return "<mo>" + escape(OPERATORS.get(name)) + "</mo>";
    }
    if (BIG_OPERATORS.containsKey(name)) {
      movable[0] = !name.contains("int");
      return "<mo>" + BIG_OPERATORS.get(name) + "</mo>";
    }
    if (FUNCTIONS.contains(name)) {
      return "<mi>" + name + "</mi>";
    }
    if (LIMITS.contains(name)) {
      movable[0] = true;
      return "<mi>" + name + "</mi>";
    }
    if (IGNORED.contains(name)) {
      return null;
    }
    switch (name) {
      case "frac", "dfrac", "tfrac", "cfrac" -> {
        enter();
        String num = argument();
        String den = argument();
        depth--;
        return "<mfrac>" + num + den + "</mfrac>";
      }
      case "binom", "dbinom", "tbinom" -> {
        enter();
        String top = argument();
        String bottom = argument();
        depth--;
        return "<mrow><mo>(</mo><mfrac linethickness=\"0\">"
            + top
            + bottom
            + "</mfrac><mo>)</mo></mrow>";
      }
      case "sqrt" -> {
        enter();
        String index = null;
        skipSpaces();
        if (pos < n && src.charAt(pos) == '[') {
          pos++;
          List<String> items = new ArrayList<>();
          while (true) {
            skipSpaces();
            if (pos >= n || src.charAt(pos) == ']' || atStop()) {
              break;
            }
            String item = scripted();
            if (item != null) {
              items.add(item);
            }
          }
          if (pos < n && src.charAt(pos) == ']') {
            pos++;
          }
          index = row(items);
        }
        String radicand = argument();
        depth--;
        return index == null
            ? "<msqrt>" + radicand + "</msqrt>"
            : "<mroot>" + radicand + index + "</mroot>";
      }
      case "text", "textrm", "textit", "textbf", "mbox", "textnormal" -> {
        return "<mtext>" + escape(rawGroup()) + "</mtext>";
      }
      case "mathrm", "operatorname", "mathit", "mathsf", "mathtt" -> {
        String text = rawGroup().strip();
        String variant = name.equals("mathit") ? "" : " mathvariant=\"normal\"";
        return text.isEmpty() ? "<mrow></mrow>" : "<mi" + variant + ">" + escape(text) + "</mi>";
      }
      case "mathbf", "boldsymbol", "bm", "mathbb", "mathcal", "mathfrak", "mathscr" -> {
        return styled(name);
      }
      case "left" -> {
        return fenced();
      }
      case "begin" -> {
        return environment();
      }
      case "not" -> {
        enter();
        skipSpaces();
        String next = pos < n && !atStop() ? atom(new boolean[1]) : null;
        depth--;
        if (next != null && next.startsWith("<mo>")) {
          return "<mo>" + next.substring(4, next.length() - 5) + "\u0338</mo>"; // struck through
        }
        return error(src.substring(start, pos));
      }
      default -> {
        if (ACCENTS.containsKey(name)) {
          enter();
          String base = argument();
          depth--;
          String mark =
              "<mo stretchy=\""
                  + (name.startsWith("wide") || name.startsWith("over") || name.startsWith("under")
                      ? "true"
                      : "false")
                  + "\">"
                  + escape(ACCENTS.get(name))
                  + "</mo>";
          if (name.startsWith("under")) {
            return "<munder accentunder=\"true\">" + base + mark + "</munder>";
          }
          return "<mover accent=\"true\">" + base + mark + "</mover>";
        }
        return error(src.substring(start, pos));
      }
    }
  }

  /**
   * A closing brace, {@code &}, {@code \right…}, {@code \middle…} or {@code \end{…}} out of place.
   */
  private String stray() {
    int start = pos;
    if (src.startsWith("\\end", pos)) {
      pos += 4;
      group();
    } else if (src.startsWith("\\right", pos) || src.startsWith("\\middle", pos)) {
      pos += src.startsWith("\\right", pos) ? 6 : 7;
      delimiter();
    } else {
      pos++;
    }
    return error(src.substring(start, pos));
  }

  /** {@code \left( … \middle| … \right)}: a row between stretchy fences. */
  private String fenced() throws TooDeep {
    enter();
    String open = delimiter();
    List<String> items = new ArrayList<>();
    items.add(fence(open, "prefix"));
    while (true) {
      items.addAll(list());
      if (pos >= n) {
        break;
      }
      if (src.startsWith("\\middle", pos)) {
        pos += 7;
        items.add(fence(delimiter(), "infix"));
      } else if (src.startsWith("\\right", pos)) {
        pos += 6;
        items.add(fence(delimiter(), "postfix"));
        break;
      } else {
        break; // a closing brace or & of an enclosing group: \right is missing
      }
    }
    depth--;
    return row(items);
  }

  private static String fence(String delimiter, String form) {
    if (delimiter == null) {
      return "<merror><mtext>?</mtext></merror>";
    }
    if (delimiter.isEmpty()) {
      return "";
    }
    return "<mo fence=\"true\" stretchy=\"true\" form=\""
        + form
        + "\">"
        + escape(delimiter)
        + "</mo>";
  }

  /**
   * The delimiter after {@code \left}, {@code \middle} or {@code \right}; null if there is none.
   */
  private String delimiter() {
    skipSpaces();
    if (pos >= n) {
      return null;
    }
    int start = pos;
    if (src.charAt(pos) == '\\') {
      pos++;
      if (pos < n && isLetter(src.charAt(pos))) {
        while (pos < n && isLetter(src.charAt(pos))) {
          pos++;
        }
      } else if (pos < n) {
        pos++;
      }
    } else {
      pos++;
    }
    return DELIMITERS.get(src.substring(start, pos));
  }

  /** {@code \begin{name} … \end{name}}: a table between fences. */
  private String environment() throws TooDeep {
    String name = group();
    String[] fences = ENVIRONMENTS.get(name);
    if (fences == null) {
      return error("\\begin{" + name + "}");
    }
    enter();
    if (name.equals("array")) {
      group(); // the column specification
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    while (true) {
      List<String> cell = list();
      cells.add(row(cell));
      if (pos >= n) {
        break;
      }
      if (src.charAt(pos) == '&') {
        pos++;
      } else if (src.startsWith("\\\\", pos)) {
        pos += 2;
        rows.add(cells);
        cells = new ArrayList<>();
      } else if (isCommand("end")) {
        pos += 4;
        group();
        break;
      } else {
        cells.add(stray()); // a } or \right without its opening inside the table
      }
    }
    if (!(cells.size() == 1 && cells.getFirst().equals("<mrow></mrow>"))) {
      rows.add(cells);
    }
    depth--;
    StringBuilder table = new StringBuilder();
    boolean left = name.equals("cases") || name.equals("aligned");
    table.append(left ? "<mtable columnalign=\"left\">" : "<mtable>");
    for (List<String> r : rows) {
      table.append("<mtr>");
      for (String cell : r) {
        table.append("<mtd>").append(cell).append("</mtd>");
      }
      table.append("</mtr>");
    }
    table.append("</mtable>");
    if (fences[0].isEmpty() && fences[1].isEmpty()) {
      return table.toString();
    }
    return "<mrow>" + fence(fences[0], "prefix") + table + fence(fences[1], "postfix") + "</mrow>";
  }

  /**
   * {@code \mathbf{x}}, {@code \mathbb{R}}: letters and digits of the argument become the Unicode
   * mathematical alphanumeric characters of that style (how MathML Core asks for styled letters);
   * an argument with commands is rendered unstyled.
   */
  private String styled(String name) throws TooDeep {
    enter();
    try {
      return styledArgument(name);
    } finally {
      depth--;
    }
  }

  private String styledArgument(String name) throws TooDeep {
    skipSpaces();
    int start = pos;
    String raw = rawGroup();
    boolean simple = !raw.isEmpty();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == ' ')) {
        simple = false;
      }
    }
    if (!simple) {
      pos = start;
      return argument();
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != ' ') {
        text.appendCodePoint(styledCodePoint(name, c));
      }
    }
    boolean digits = !raw.isEmpty() && Character.isDigit(raw.strip().charAt(0));
    String tag = digits ? "mn" : "mi";
    return "<" + tag + ">" + text + "</" + tag + ">";
  }

  private static int styledCodePoint(String style, char c) {
    boolean upper = c >= 'A' && c <= 'Z';
    boolean lower = c >= 'a' && c <= 'z';
    int letter = upper ? c - 'A' : c - 'a';
    switch (style) {
      case "mathbb" -> {
        if (upper) {
          String special = "CHNPQRZ";
          int[] bmp = {0x2102, 0x210D, 0x2115, 0x2119, 0x211A, 0x211D, 0x2124};
          int k = special.indexOf(c);
          return k >= 0 ? bmp[k] : 0x1D538 + letter;
        }
        if (lower) {
          return 0x1D552 + letter;
        }
        return 0x1D7D8 + (c - '0');
      }
      case "mathcal", "mathscr" -> {
        if (upper) {
          String special = "BEFHILMR";
          int[] bmp = {0x212C, 0x2130, 0x2131, 0x210B, 0x2110, 0x2112, 0x2133, 0x211B};
          int k = special.indexOf(c);
          return k >= 0 ? bmp[k] : 0x1D49C + letter;
        }
        return c; // lower-case script letters are missing from many fonts: kept plain
      }
      case "mathfrak" -> {
        if (upper) {
          String special = "CHIRZ";
          int[] bmp = {0x212D, 0x210C, 0x2111, 0x211C, 0x2128};
          int k = special.indexOf(c);
          return k >= 0 ? bmp[k] : 0x1D504 + letter;
        }
        return lower ? 0x1D51E + letter : c;
      }
      default -> {
        // bold; boldsymbol and bm are bold italic for letters
        boolean italic = !style.equals("mathbf");
        if (upper) {
          return (italic ? 0x1D468 : 0x1D400) + letter;
        }
        if (lower) {
          return (italic ? 0x1D482 : 0x1D41A) + letter;
        }
        return 0x1D7CE + (c - '0');
      }
    }
  }

  /** The text of a {@code {…}} group as written (braces inside balanced), or one character. */
  private String rawGroup() {
    skipSpaces();
    if (pos >= n) {
      return "";
    }
    if (src.charAt(pos) != '{') {
      int cp = src.codePointAt(pos);
      pos += Character.charCount(cp);
      return new String(Character.toChars(cp));
    }
    int start = ++pos;
    int level = 0;
    while (pos < n) {
      char c = src.charAt(pos);
      if (c == '\\' && pos + 1 < n) {
        pos += 2;
        continue;
      }
      if (c == '{') {
        level++;
      } else if (c == '}') {
        if (level == 0) {
          break;
        }
        level--;
      }
      pos++;
    }
    String text = src.substring(start, Math.min(pos, n));
    if (pos < n) {
      pos++;
    }
    return text;
  }

  /** A {@code {name}} group's text, for environments. */
  private String group() {
    return rawGroup().strip();
  }

  private void enter() throws TooDeep {
    if (++depth > MAX_DEPTH) {
      throw new TooDeep();
    }
  }

  private void skipSpaces() {
    while (pos < n && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private static String row(List<String> items) {
    if (items.size() == 1) {
      return items.getFirst();
    }
    return "<mrow>" + String.join("", items) + "</mrow>";
  }

  private static String error(String source) {
    return "<merror><mtext>" + escape(source) + "</mtext></merror>";
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    Highlighter.escape(s, 0, s.length(), out);
    return out.toString();
  }
}
