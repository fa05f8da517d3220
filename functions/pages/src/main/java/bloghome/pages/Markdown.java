package bloghome.pages;

import bloghome.config.Env;
import bloghome.images.PostImageUrl;
import bloghome.posts.MathSyntax;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
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
 *
 * <p>Headings get ids ({@link HeadingIds}) for the table of contents, and code blocks carry their
 * language as {@code data-lang} on the {@code <pre>} (the page shows it as a label), their code
 * highlighted on the server ({@link CodeBlockRenderer}); {@code $…$} and {@code $$…$$} are math,
 * rendered as MathML ({@link MathSyntax}).
 */
public final class Markdown {
  private static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");
  private static final int MAX_LANGUAGE_LENGTH = 20;

  /** One heading of the post, for the table of contents: its level (1-6), text and anchor. */
  public record TocEntry(int level, String text, String id) {}

  /**
   * A rendered post.
   *
   * @param html the safe HTML
   * @param headings every heading, in document order
   * @param readingMinutes the estimated reading time ({@link ReadingTime})
   * @param hasCode whether the post has a code block (the page then loads its code script)
   */
  public record Rendered(
      String html, List<TocEntry> headings, int readingMinutes, boolean hasCode) {}

  /**
   * How wide a post image is shown: the whole viewport on narrow screens, else at most the post
   * column (site.css).
   */
  static final String IMAGE_SIZES = "(max-width: 800px) 100vw, 860px";

  private final Parser parser =
      Parser.builder().customInlineContentParserFactory(new MathSyntax.Factory()).build();
  private final String mediaBaseUrl;

  /** With the media base URL of the function's environment ({@code MEDIA_BASE_URL}, else "/"). */
  public Markdown() {
    this(Env.get("MEDIA_BASE_URL").orElse("/"));
  }

  /**
   * @param mediaBaseUrl where accepted images are served: images under it are ours ({@link
   *     PostImageUrl}) and get {@code srcset}, {@code width} and {@code height}
   */
  public Markdown(String mediaBaseUrl) {
    this.mediaBaseUrl = mediaBaseUrl;
  }

  public String toHtml(String markdown) {
    return render(markdown).html();
  }

  public Rendered render(String markdown) {
    Node document = parser.parse(markdown == null ? "" : markdown);
    MathSyntax.promoteDisplayMath(document);
    List<Node> unsafe = new ArrayList<>();
    List<Image> external = new ArrayList<>();
    List<Heading> headings = new ArrayList<>();
    ReadingTime.Counter reading = new ReadingTime.Counter();
    boolean[] hasCode = {false};
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            headings.add(heading);
            visitChildren(heading);
          }

          @Override
          public void visit(Text text) {
            reading.add(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            reading.add(code.getLiteral());
          }

          @Override
          public void visit(FencedCodeBlock block) {
            hasCode[0] = true;
            reading.add(block.getLiteral());
          }

          @Override
          public void visit(IndentedCodeBlock block) {
            hasCode[0] = true;
            reading.add(block.getLiteral());
          }

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
            } else if (PostImageUrl.parse(mediaBaseUrl, image.getDestination()).isPresent()) {
              // Ours, even when the media base is another origin (the local stack's): kept.
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
    HeadingIds ids = new HeadingIds();
    Map<Node, String> idByHeading = new IdentityHashMap<>();
    List<TocEntry> toc = new ArrayList<>();
    for (Heading heading : headings) {
      String text = plainText(heading);
      String id = ids.next(text);
      idByHeading.put(heading, id);
      toc.add(new TocEntry(heading.getLevel(), text, id));
    }
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .escapeHtml(true)
            .nodeRendererFactory(MathRenderer::new)
            .nodeRendererFactory(CodeBlockRenderer::new)
            .attributeProviderFactory(
                context ->
                    (node, tagName, attributes) -> {
                      if (node instanceof Link && isExternal(attributes.get("href"))) {
                        attributes.put("rel", "nofollow ugc noopener");
                      }
                      if (node instanceof Image image) {
                        PostImageUrl.parse(mediaBaseUrl, image.getDestination())
                            .ifPresent(ours -> describe(ours, attributes));
                        attributes.put("loading", "lazy");
                        attributes.put("decoding", "async");
                      }
                      if (node instanceof Heading) {
                        attributes.put("id", idByHeading.get(node));
                      }
                      if (node instanceof FencedCodeBlock block && tagName.equals("pre")) {
                        String language = language(block.getInfo());
                        if (!language.isEmpty()) {
                          attributes.put("data-lang", language);
                        }
                      }
                    })
            .build();
    return new Rendered(renderer.render(document), List.copyOf(toc), reading.minutes(), hasCode[0]);
  }

  /**
   * An image of ours: every clean copy in {@code srcset}, and the widest copy's size, so the page
   * keeps its space before the image arrives (no layout shift).
   */
  private static void describe(PostImageUrl image, Map<String, String> attributes) {
    StringBuilder srcset = new StringBuilder();
    for (PostImageUrl.Copy copy : image.copies()) {
      if (!srcset.isEmpty()) {
        srcset.append(", ");
      }
      srcset.append(copy.url()).append(' ').append(copy.width()).append('w');
    }
    attributes.put("srcset", srcset.toString());
    attributes.put("sizes", IMAGE_SIZES);
    attributes.put("width", Integer.toString(image.width()));
    attributes.put("height", Integer.toString(image.height()));
  }

  /** The text of a heading as a reader sees it: its text, inline code and escaped HTML. */
  private static String plainText(Node parent) {
    StringBuilder out = new StringBuilder();
    new Object() {
      void collect(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
          if (child instanceof Text text) {
            out.append(text.getLiteral());
          } else if (child instanceof Code code) {
            out.append(code.getLiteral());
          } else if (child instanceof MathSyntax.MathInline math) {
            out.append(math.tex());
          } else if (child instanceof HtmlInline html) {
            out.append(html.getLiteral()); // shown as text, like the heading shows it
          } else {
            collect(child);
          }
        }
      }
    }.collect(parent);
    return out.toString().strip();
  }

  /**
   * The language named by a fence's info string ({@code ```java title=x} → {@code java}): its first
   * word, kept only if it is letters, digits and {@code + # - .}, at most 20 characters, else none.
   */
  static String language(String info) {
    if (info == null) {
      return "";
    }
    String word = info.strip();
    int end = 0;
    while (end < word.length() && !Character.isWhitespace(word.charAt(end))) {
      end++;
    }
    word = word.substring(0, end).toLowerCase(Locale.ROOT);
    if (word.isEmpty() || word.length() > MAX_LANGUAGE_LENGTH) {
      return "";
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "+#-.".indexOf(c) >= 0;
      if (!ok) {
        return "";
      }
    }
    return word;
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
