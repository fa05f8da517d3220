package bloghome.pages;

import bloghome.posts.MathSyntax;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/** Renders the formulas {@link MathSyntax} parsed as MathML ({@link TexMath}). */
final class MathRenderer implements NodeRenderer {
  private final HtmlWriter html;

  MathRenderer(HtmlNodeRendererContext context) {
    this.html = context.getWriter();
  }

  @Override
  public Set<Class<? extends Node>> getNodeTypes() {
    return Set.of(MathSyntax.MathInline.class, MathSyntax.MathBlock.class);
  }

  @Override
  public void render(Node node) {
    if (node instanceof MathSyntax.MathBlock block) {
      html.line();
      html.raw(TexMath.toMathMl(block.tex(), true));
      html.line();
    } else if (node instanceof MathSyntax.MathInline math) {
      html.raw(TexMath.toMathMl(math.tex(), math.display()));
    }
  }
}
