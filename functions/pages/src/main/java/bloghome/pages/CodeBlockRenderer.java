package bloghome.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Fenced code blocks as commonmark renders them ({@code <pre><code class="language-x">}, with the
 * attributes {@link Markdown} adds), their code highlighted by {@link Highlighter} when the fence
 * names a language it knows, else escaped as plain text.
 */
final class CodeBlockRenderer implements NodeRenderer {
  /**
   * Longer blocks are shown plain: spans make a block 1.5 to 3 times heavier, and a post may hold
   * 200 KiB. Highlighting stays linear either way.
   */
  static final int MAX_HIGHLIGHTED_CHARS = 128 * 1024;

  private final HtmlNodeRendererContext context;
  private final HtmlWriter html;

  CodeBlockRenderer(HtmlNodeRendererContext context) {
    this.context = context;
    this.html = context.getWriter();
  }

  @Override
  public Set<Class<? extends Node>> getNodeTypes() {
    return Set.of(FencedCodeBlock.class);
  }

  @Override
  public void render(Node node) {
    FencedCodeBlock block = (FencedCodeBlock) node;
    String literal = block.getLiteral() == null ? "" : block.getLiteral();
    Map<String, String> codeAttributes = new LinkedHashMap<>();
    String info = block.getInfo();
    if (info != null && !info.isEmpty()) {
      int space = info.indexOf(' ');
      codeAttributes.put("class", "language-" + (space < 0 ? info : info.substring(0, space)));
    }
    String body =
        CodeLanguage.of(Markdown.language(info))
            .filter(language -> literal.length() <= MAX_HIGHLIGHTED_CHARS)
            .map(language -> Highlighter.highlight(language, literal))
            .orElseGet(() -> Highlighter.plain(literal));
    html.line();
    html.tag("pre", context.extendAttributes(node, "pre", Map.of()));
    html.tag("code", context.extendAttributes(node, "code", codeAttributes));
    html.raw(body);
    html.tag("/code");
    html.tag("/pre");
    html.line();
  }
}
