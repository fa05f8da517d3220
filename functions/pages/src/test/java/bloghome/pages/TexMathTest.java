package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TexMathTest {

  private static String math(String tex) {
    String html = TexMath.toMathMl(tex, false);
    assertThat(html).startsWith("<math><semantics>").endsWith("</annotation></semantics></math>");
    int end = html.indexOf("<annotation");
    return html.substring("<math><semantics>".length(), end);
  }

  @Test
  void identifiersNumbersAndOperators() {
    assertThat(math("x + 2.5 - y = 10"))
        .isEqualTo(
            "<mrow><mi>x</mi><mo>+</mo><mn>2.5</mn><mo>−</mo><mi>y</mi><mo>=</mo><mn>10</mn></mrow>");
  }

  @Test
  void scriptsAndGroups() {
    assertThat(math("x^2")).isEqualTo("<msup><mi>x</mi><mn>2</mn></msup>");
    assertThat(math("a_{i,j}^{n+1}"))
        .isEqualTo(
            "<msubsup><mi>a</mi><mrow><mi>i</mi><mo>,</mo><mi>j</mi></mrow>"
                + "<mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow></msubsup>");
    assertThat(math("f'(x)")).startsWith("<mrow><msup><mi>f</mi><mo>′</mo></msup><mo>(</mo>");
    assertThat(math("e^{-x^2}"))
        .isEqualTo(
            "<msup><mi>e</mi><mrow><mo>−</mo><msup><mi>x</mi><mn>2</mn></msup></mrow></msup>");
  }

  @Test
  void fractionsRootsAndBinomials() {
    assertThat(math("\\frac{a+b}{2}"))
        .isEqualTo("<mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac>");
    assertThat(math("\\frac12")).isEqualTo("<mfrac><mn>1</mn><mn>2</mn></mfrac>");
    assertThat(math("\\sqrt{x}")).isEqualTo("<msqrt><mi>x</mi></msqrt>");
    assertThat(math("\\sqrt[3]{x}")).isEqualTo("<mroot><mi>x</mi><mn>3</mn></mroot>");
    assertThat(math("\\binom{n}{k}"))
        .contains("<mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac>");
  }

  @Test
  void greekSymbolsRelationsAndBigOperators() {
    assertThat(math("\\alpha \\Omega \\infty \\partial \\nabla"))
        .isEqualTo(
            "<mrow><mi>α</mi><mi mathvariant=\"normal\">Ω</mi><mi>∞</mi><mi>∂</mi><mi>∇</mi></mrow>");
    assertThat(math("a \\le b \\ge c \\ne d \\neq e \\approx f \\cdot g \\times h \\pm i \\to j"))
        .contains(
            "<mo>≤</mo>",
            "<mo>≥</mo>",
            "<mo>≠</mo>",
            "<mo>≈</mo>",
            "<mo>⋅</mo>",
            "<mo>×</mo>",
            "<mo>±</mo>",
            "<mo>→</mo>");
    assertThat(math("\\forall x \\in A, \\exists y \\rightarrow z"))
        .contains("<mo>∀</mo>", "<mo>∈</mo>", "<mo>∃</mo>", "<mo>→</mo>");
    assertThat(math("\\sum_{i=1}^{n} i"))
        .startsWith(
            "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>");
    assertThat(math("\\int_0^1 f"))
        .startsWith("<mrow><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>");
    assertThat(math("\\lim_{x \\to 0}")).startsWith("<munder><mi>lim</mi>");
    assertThat(math("\\sin x")).isEqualTo("<mrow><mi>sin</mi><mi>x</mi></mrow>");
    assertThat(math("\\not\\in")).isEqualTo("<mo>∈\u0338</mo>");
  }

  @Test
  void fencesTextStylesAccentsAndSpaces() {
    assertThat(math("\\left( \\frac{1}{2} \\right]"))
        .isEqualTo(
            "<mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">(</mo>"
                + "<mfrac><mn>1</mn><mn>2</mn></mfrac>"
                + "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">]</mo></mrow>");
    assertThat(math("\\left. x \\right|")).doesNotContain("form=\"prefix\"").contains(">|</mo>");
    assertThat(math("\\text{if } x < 0")).contains("<mtext>if </mtext>", "<mo>&lt;</mo>");
    assertThat(math("\\mathbf{v} \\mathbb{R}")).isEqualTo("<mrow><mi>𝐯</mi><mi>ℝ</mi></mrow>");
    assertThat(math("\\mathrm{d}x"))
        .isEqualTo("<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>");
    assertThat(math("\\hat{x}"))
        .isEqualTo("<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">^</mo></mover>");
    assertThat(math("a\\,b\\quad c"))
        .contains("<mspace width=\"0.1667em\"></mspace>", "<mspace width=\"1em\"></mspace>");
  }

  @Test
  void matricesAndCases() {
    assertThat(math("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}"))
        .isEqualTo(
            "<mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">(</mo><mtable>"
                + "<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
                + "<mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable>"
                + "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">)</mo></mrow>");
    assertThat(math("f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}"))
        .contains("<mtable columnalign=\"left\">", "<mtext>else</mtext>");
  }

  @Test
  void unknownCommands_andBrokenSource_renderAsErrorsOfTheirSource_neverThrow() {
    assertThat(math("\\foo{x} + 1")).contains("<merror><mtext>\\foo</mtext></merror>");
    assertThat(math("\\begin{tikzpicture}"))
        .contains("<merror><mtext>\\begin{tikzpicture}</mtext></merror>");
    assertThat(math("a}b")).contains("<merror><mtext>}</mtext></merror>");
    assertThat(math("\\right)")).contains("<merror><mtext>\\right)</mtext></merror>");
    String[] broken = {
      "",
      "{",
      "}",
      "^",
      "_",
      "x^",
      "\\",
      "\\frac",
      "\\frac{",
      "\\sqrt[",
      "\\sqrt[3",
      "\\left(",
      "\\left",
      "\\begin{matrix} a &",
      "\\end{matrix}",
      "&&&",
      "\\\\\\\\",
      "x''''''",
      "\\not",
      "\\text{",
      "\\mathbf{",
      "\\mathbf\\mathbf",
      "a^b^c",
      "a_b_c",
      "\\left( \\middle| x",
      "😀^{😀}",
      "\\hat"
    };
    for (String b : broken) {
      String html = TexMath.toMathMl(b, true);
      assertThat(html).as(b).startsWith("<math display=\"block\">").endsWith("</math>");
    }
  }

  @Test
  void html_inTheSource_isEscaped() {
    String html =
        TexMath.toMathMl("\\text{</math><script>alert(1)</script>} < x > \\foo<b>", false);
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<b>")
        .contains("&lt;/math&gt;&lt;script&gt;")
        .contains("<annotation encoding=\"application/x-tex\">\\text{&lt;/math&gt;");
    assertThat(html.indexOf("</math>")).isEqualTo(html.length() - "</math>".length());
  }

  @Test
  void deepNesting_isAnError_notAStackOverflow() {
    String deep = "{".repeat(50_000) + "x" + "}".repeat(50_000);
    assertThat(TexMath.toMathMl(deep, false)).contains("<merror>");
    String deepFracs = "\\frac{".repeat(10_000);
    assertThat(TexMath.toMathMl(deepFracs, false)).contains("<merror>");
    assertThat(TexMath.toMathMl("\\not".repeat(10_000), false)).contains("<merror>");
    assertThat(TexMath.toMathMl("\\mathbf".repeat(10_000) + "x", false)).contains("<merror>");
  }
}
