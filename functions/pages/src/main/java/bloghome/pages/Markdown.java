package bloghome.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Post content to HTML that is safe to put in a page: raw HTML in the Markdown is shown as text,
 * links and images keep only http, https, mailto and relative targets (anything else, such as
 * {@code javascript:}, {@code data:} or {@code vbscript:}, is unlinked and keeps its text), and
 * links to other sites get {@code rel="nofollow ugc noopener"}.
 *
 * <p>An image from another site becomes a link to it, labelled with its alt text (or its address):
 * a reader's browser never fetches from a host the author chose, so no author learns who reads (the
 * pages' CSP allows images from this origin and the media CDN only).
 */
public final class Markdown {
  private static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .attributeProviderFactory(
              context ->
                  (node, tagName, attributes) -> {
                    if (node instanceof Link && isExternal(attributes.get("href"))) {
                      attributes.put("rel", "nofollow ugc noopener");
                    }
                    if (node instanceof Image) {
                      attributes.put("loading", "lazy");
                    }
                  })
          .build();

  public String toHtml(String markdown) {
    Node document = parser.parse(markdown == null ? "" : markdown);
    List<Node> unsafe = new ArrayList<>();
    List<Image> external = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            if (!isAllowed(link.getDestination())) {
              unsafe.add(link);
            }
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            if (!isAllowed(image.getDestination())) {
              unsafe.add(image);
            } else if (isExternal(image.getDestination())) {
              external.add(image);
            }
            visitChildren(image);
          }
        });
    for (Node node : unsafe) {
      unlink(node);
    }
    for (Image image : external) {
      asLink(image);
    }
    return renderer.render(document);
  }

  /** Replaces an image by a link to it whose text is the alt text, or the address when none. */
  private static void asLink(Image image) {
    Link link = new Link(image.getDestination(), image.getTitle());
    Node child = image.getFirstChild();
    while (child != null) {
      Node next = child.getNext();
      link.appendChild(child);
      child = next;
    }
    if (link.getFirstChild() == null) {
      link.appendChild(new Text(image.getDestination()));
    }
    image.insertBefore(link);
    image.unlink();
  }

  /** Replaces a link by its children (its text), an image by its alt text. */
  private static void unlink(Node node) {
    if (node instanceof Image image) {
      StringBuilder alt = new StringBuilder();
      for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Text text) {
          alt.append(text.getLiteral());
        }
      }
      node.insertBefore(new Text(alt.toString()));
      node.unlink();
      return;
    }
    Node child = node.getFirstChild();
    while (child != null) {
      Node next = child.getNext();
      node.insertBefore(child);
      child = next;
    }
    node.unlink();
  }

  /**
   * True for relative targets and the allowed schemes. Browsers ignore tabs, newlines and other
   * control characters inside a scheme ({@code java\tscript:}), so those are removed before
   * looking.
   */
  static boolean isAllowed(String destination) {
    if (destination == null) {
      return true;
    }
    String cleaned = destination.replaceAll("[\\x00-\\x20\\x7F]", "").toLowerCase(Locale.ROOT);
    int colon = cleaned.indexOf(':');
    if (colon < 0) {
      return true;
    }
    int firstDelimiter = firstOf(cleaned, "/?#");
    if (firstDelimiter >= 0 && firstDelimiter < colon) {
      return true; // a colon after the path starts, as in "/a:b" or "?t=1:2": relative
    }
    return ALLOWED_SCHEMES.contains(cleaned.substring(0, colon));
  }

  static boolean isExternal(String href) {
    if (href == null) {
      return false;
    }
    String lower = href.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//");
  }

  private static int firstOf(String s, String chars) {
    int best = -1;
    for (char c : chars.toCharArray()) {
      int i = s.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
