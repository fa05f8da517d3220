package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HighlighterTest {

  private static String hl(String language, String code) {
    return Highlighter.highlight(CodeLanguage.of(language).orElseThrow(), code);
  }

  private static String span(String cls, String escapedText) {
    return "<span class=\"" + cls + "\">" + escapedText + "</span>";
  }

  /** The text of the HTML with its spans removed and entities decoded: the code again. */
  private static String text(String html) {
    return html.replaceAll("<[^>]*>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  @Test
  void java_keywordsTypesAnnotationsStringsCommentsNumbersAndCalls() {
    String code =
        "@Override\npublic static void main(String[] args) {\n"
            + "  int n = 0x1F + 1_000L + 1.5e-3f; // done\n"
            + "  var s = \"a \\\"q\\\" b\"; char c = '\\n'; /* x */\n"
            + "  String t = \"\"\"\n    text \"block\"\n    \"\"\";\n  System.out.println(s);\n}";
    String html = hl("java", code);
    assertThat(html)
        .contains(span("attr", "@Override"))
        .contains(span("kw", "public"))
        .contains(span("kw", "void"))
        .contains(span("fn", "main"))
        .contains(span("typ", "String"))
        .contains(span("typ", "int"))
        .contains(span("num", "0x1F"))
        .contains(span("num", "1_000L"))
        .contains(span("num", "1.5e-3f"))
        .contains(span("com", "// done"))
        .contains(span("str", "&quot;a \\&quot;q\\&quot; b&quot;"))
        .contains(span("str", "'\\n'"))
        .contains(span("com", "/* x */"))
        .contains(
            span("str", "&quot;&quot;&quot;\n    text &quot;block&quot;\n    &quot;&quot;&quot;"))
        .contains(span("fn", "println"));
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void python_decoratorsTripleQuotesPrefixesAndComments() {
    String code =
        "@app.route('/x')\ndef f(self, n: int) -> str:\n"
            + "    \"\"\"Doc\n    string\"\"\"\n    s = rb'raw\\'' + f\"{n}\"  # comment\n"
            + "    return None if n > 10 else len(s)\n";
    String html = hl("py", code);
    assertThat(html)
        .contains(span("attr", "@app.route"))
        .contains(span("kw", "def"))
        .contains(span("fn", "f"))
        .contains(span("kw", "self"))
        .contains(span("typ", "int"))
        .contains(span("str", "&quot;&quot;&quot;Doc\n    string&quot;&quot;&quot;"))
        .contains(span("str", "rb'raw\\''"))
        .contains(span("str", "f&quot;{n}&quot;"))
        .contains(span("com", "# comment"))
        .contains(span("kw", "None"))
        .contains(span("num", "10"))
        .contains(span("fn", "len"));
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void javascript_nestedTemplateLiterals_regexAndDivision() {
    String code =
        "const t = `a ${b + `c ${ {k: 1}.k } d`} e`;\n"
            + "if (/re[/]x\\//g.test(s)) x = a / b / 2;\n";
    String html = hl("js", code);
    assertThat(html)
        .contains(span("kw", "const"))
        .contains(span("str", "`a ${"))
        .contains(span("str", "`c ${"))
        .contains(span("str", "} d`"))
        .contains(span("str", "} e`"))
        .contains(span("str", "/re[/]x\\//g"))
        .contains(span("fn", "test"))
        .contains(" / b / ");
    // the object literal inside the inner expression is code, its braces balanced
    assertThat(html).contains("{k: <span class=\"num\">1</span>}.k ");
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void typescript_typesAndKeywords() {
    String html = hl("ts", "interface P { name: string; age?: number }\nlet p: P = load();");
    assertThat(html)
        .contains(span("kw", "interface"))
        .contains(span("typ", "string"))
        .contains(span("typ", "number"))
        .contains(span("kw", "let"))
        .contains(span("fn", "load"));
  }

  @Test
  void go_rawStringsRunesAndBuiltins() {
    String code =
        "func main() {\n\ts := `raw\n\\n` + \"x\"\n\tr := 'a'\n\tfmt.Println(len(s), nil)\n}";
    String html = hl("golang", code);
    assertThat(html)
        .contains(span("kw", "func"))
        .contains(span("fn", "main"))
        .contains(span("str", "`raw\n\\n`"))
        .contains(span("str", "'a'"))
        .contains(span("fn", "Println"))
        .contains(span("fn", "len"))
        .contains(span("kw", "nil"));
  }

  @Test
  void sql_keywordsAnyCase_doubledQuotes_quotedNames_comments() {
    String code =
        "SELECT count(*), \"select\" FROM t -- all\nwhere name = 'it''s' /* c */ AND n > 10;";
    String html = hl("sql", code);
    assertThat(html)
        .contains(span("kw", "SELECT"))
        .contains(span("fn", "count"))
        .contains(span("kw", "FROM"))
        .contains(span("com", "-- all"))
        .contains(span("kw", "where"))
        .contains(span("str", "'it''s'"))
        .contains(span("com", "/* c */"))
        .contains(span("num", "10"))
        .contains("&quot;select&quot;")
        .doesNotContain(span("kw", "select"));
  }

  @Test
  void shell_variablesQuotesCommentsAndHeredocs() {
    String code =
        "if [ -n \"$HOME\" ]; then echo ${USER:-me} $1 'lit $x' a#b # note\nfi\n"
            + "cat <<-'EOF' > out\n\tbody $x # not a comment\n\tEOF\necho done\n";
    String html = hl("bash", code);
    assertThat(html)
        .contains(span("kw", "if"))
        .contains(span("str", "&quot;$HOME&quot;"))
        .contains(span("kw", "then"))
        .contains(span("fn", "echo"))
        .contains(span("attr", "${USER:-me}"))
        .contains(span("attr", "$1"))
        .contains(span("str", "'lit $x'"))
        .contains(" a#b ")
        .contains(span("com", "# note"))
        .contains(span("str", "&lt;&lt;-'EOF'"))
        .contains(span("str", "\tbody $x # not a comment\n\tEOF\n"))
        .contains(span("fn", "echo") + " " + span("kw", "done"));
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void yaml_keysValuesCommentsAndBlockScalars() {
    String code =
        "name: app # the name\nitems:\n  - 1.5\n  - \"two\"\n  - key: yes\nscript: |\n"
            + "  run: this is text\n  more\nnext: ~\n";
    String html = hl("yml", code);
    assertThat(html)
        .contains(span("attr", "name"))
        .contains(span("com", "# the name"))
        .contains(span("num", "1.5"))
        .contains(span("str", "&quot;two&quot;"))
        .contains(span("attr", "key"))
        .contains(span("kw", "yes"))
        .contains(span("str", "  run: this is text"))
        .contains(span("str", "  more"))
        .contains(span("attr", "next"))
        .doesNotContain(span("attr", "  run"));
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void json_keysAreAttributes_valuesAreStrings() {
    String html = hl("json", "{\"a\" : \"b\", \"n\": -1.5e3, \"t\": [true, null]}");
    assertThat(html)
        .contains(span("attr", "&quot;a&quot;"))
        .contains(span("str", "&quot;b&quot;"))
        .contains(span("num", "1.5e3"))
        .contains(span("kw", "true"))
        .contains(span("kw", "null"));
  }

  @Test
  void c_preprocessorIncludesTypesAndComments() {
    String code =
        "#include <stdio.h>\n  #define N 10\nint main(void) { char *s = \"x\"; return 0; }";
    String html = hl("c++", code);
    assertThat(html)
        .contains(span("attr", "#include"))
        .contains(span("str", "&lt;stdio.h&gt;"))
        .contains(span("attr", "#define"))
        .contains(span("typ", "int"))
        .contains(span("fn", "main"))
        .contains(span("typ", "char"))
        .contains(span("kw", "return"));
  }

  @Test
  void aliases_nameTheirLanguages() {
    for (String alias :
        new String[] {
          "js", "ts", "py", "golang", "sh", "shell", "yml", "c++", "cpp", "h", "jsonc"
        }) {
      assertThat(CodeLanguage.of(alias)).as(alias).isPresent();
    }
    assertThat(CodeLanguage.of("cobol")).isEmpty();
  }

  @Test
  void unterminatedStringsAndComments_endAtTheirLineOrTheBlock_andKeepAllText() {
    String[][] cases = {
      {"java", "String s = \"open\nint x = 1;"},
      {"java", "/* never closed\nint x;"},
      {"js", "`never ${ closed"},
      {"js", "x = /unclosed\ny = 2"},
      {"python", "'''open\nstill"},
      {"bash", "cat <<EOF\nno end"},
      {"bash", "echo \"open $x"},
      {"sql", "select 'open"},
      {"yaml", "a: \"open\nb: 1"},
      {"c", "#include <open"},
      {"go", "s := `open"},
      {"json", "{\"a"},
      {"java", "x = '\\"},
      {"python", "s = \"\\"}
    };
    for (String[] c : cases) {
      String html = hl(c[0], c[1]);
      assertThat(text(html)).as(c[0] + ": " + c[1]).isEqualTo(c[1]);
      assertBalanced(html);
    }
    assertThat(hl("java", "String s = \"open\nint x = 1;")).contains(span("typ", "int"));
  }

  @Test
  void html_inCode_isEscaped_andNeverBreaksOut() {
    String code =
        "x = \"</code><script>alert(1)</script>\"; // </pre><img src=x onerror=alert(2)>\n"
            + "<b onclick=\"x\">&amp;</b>";
    for (String lang :
        new String[] {"java", "js", "python", "bash", "yaml", "json", "sql", "c", "go"}) {
      String html = hl(lang, code);
      assertThat(html)
          .as(lang)
          .doesNotContain("<script")
          .doesNotContain("</code")
          .doesNotContain("<img")
          .doesNotContain("<b ")
          .contains("&amp;amp;");
      assertThat(text(html)).isEqualTo(code);
    }
    assertThat(Highlighter.plain(code)).doesNotContain("<script").contains("&lt;/code&gt;");
  }

  @Test
  void unicode_andSurrogatePairs_passThroughWhole() {
    String code = "String 名字 = \"你好 😀\"; // 注释 😀\nint 𝑥 = 1;";
    String html = hl("java", code);
    assertThat(html).contains(span("str", "&quot;你好 😀&quot;")).contains(span("com", "// 注释 😀"));
    assertThat(text(html)).isEqualTo(code);
  }

  @Test
  void a200KbBlock_highlightsInLinearTime() {
    // worst shapes for a scanner that backtracks: one huge line, many unterminated quotes,
    // endless comment openers, deep template literals
    String[][] shapes = {
      {"java", "a(\"x\\\"y\", 'c', 0x1F); /* c */ // d\n"},
      {"js", "`${`${`${"},
      {"js", "/[/"},
      {"python", "'''\"\"\"'\""},
      {"bash", "<<A $x ${ 'a \""},
      {"yaml", "- k: \"v\" # c |\n"},
      {"sql", "'' -- \n"},
      {"c", "#include <"},
      {"java", "\""},
      {"java", "/*"},
      // an opener on each line whose closer is only at the very end: a search that looked past
      // its line would be quadratic
      {"bash", "${a\n"},
      {"sql", "\"a\n"},
      {"c", "#include <a\n"},
      {"yaml", "a: |\n"}
    };
    for (String[] shape : shapes) {
      String small = shape[1].repeat(20_000 / shape[1].length() + 1) + "}\">";
      String big = shape[1].repeat(200_000 / shape[1].length() + 1) + "}\">";
      bestOf(1, shape[0], big); // warm up
      long tSmall = bestOf(3, shape[0], small);
      long tBig = bestOf(3, shape[0], big);
      // 10x the input: linear takes about 10x, quadratic 100x (seconds at 200 KB). A generous
      // bound, plus a margin for a busy machine.
      assertThat(tBig).as(shape[0] + " " + shape[1]).isLessThan(tSmall * 30 + 150_000_000L);
      assertThat(text(hl(shape[0], big))).isEqualTo(big);
    }
  }

  private static long bestOf(int runs, String lang, String code) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      hl(lang, code);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  private static void assertBalanced(String html) {
    Matcher m = Pattern.compile("<(/?)span").matcher(html);
    int open = 0;
    while (m.find()) {
      open += m.group(1).isEmpty() ? 1 : -1;
      assertThat(open).isBetween(0, 1);
    }
    assertThat(open).isZero();
  }
}
