package bloghome.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page, a stylesheet or a module pulls in, read with a few patterns (enough for the pages
 * this project renders; not a general HTML, CSS or JavaScript parser), for {@link PageWeight}.
 */
final class AssetReferences {

  private AssetReferences() {}

  private static final Pattern TAG =
      Pattern.compile("<(link|script)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
  private static final Pattern CSS_IMPORT =
      Pattern.compile("@import\\s+(?:url\\(\\s*)?[\"']?([^\"')\\s;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern JS_IMPORT =
      Pattern.compile(
          "(?:\\bimport\\s*(?:[\\w*{}\\s,$]+\\s*from\\s*)?|\\bimport\\s*\\(\\s*)[\"']([^\"']+)[\"']");

  /** A stylesheet or script a page references. */
  record Reference(String kind, URI uri) {}

  /**
   * Stylesheets ({@code <link rel=stylesheet>}) and scripts ({@code <script src>}, {@code
   * modulepreload}) of a page.
   */
  static List<Reference> references(String html, URI base) {
    List<Reference> refs = new ArrayList<>();
    Matcher tag = TAG.matcher(withoutComments(html));
    while (tag.find()) {
      String name = tag.group(1).toLowerCase(Locale.ROOT);
      var attributes = attributes(tag.group(2));
      if (name.equals("script") && attributes.containsKey("src")) {
        refs.add(new Reference("js", resolve(base, attributes.get("src"))));
      } else if (name.equals("link") && attributes.containsKey("href")) {
        List<String> rel =
            List.of(attributes.getOrDefault("rel", "").toLowerCase(Locale.ROOT).split("\\s+"));
        if (rel.contains("stylesheet")) {
          refs.add(new Reference("css", resolve(base, attributes.get("href"))));
        } else if (rel.contains("modulepreload")
            || rel.contains("preload") && "script".equalsIgnoreCase(attributes.get("as"))) {
          refs.add(new Reference("js", resolve(base, attributes.get("href"))));
        }
      }
    }
    return refs;
  }

  static List<URI> cssImports(String css, URI base) {
    List<URI> out = new ArrayList<>();
    Matcher m = CSS_IMPORT.matcher(css);
    while (m.find()) {
      out.add(resolve(base, m.group(1)));
    }
    return out;
  }

  /**
   * Static and dynamic imports of relative or absolute module URLs (bare specifiers are not URLs:
   * left out).
   */
  static List<URI> jsImports(String js, URI base) {
    List<URI> out = new ArrayList<>();
    Matcher m = JS_IMPORT.matcher(js);
    while (m.find()) {
      String target = m.group(1);
      if (target.startsWith("/")
          || target.startsWith("./")
          || target.startsWith("../")
          || target.startsWith("http")) {
        out.add(resolve(base, target));
      }
    }
    return out;
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      out.put(m.group(1).toLowerCase(Locale.ROOT), value.replace("&amp;", "&"));
    }
    return out;
  }

  private static String withoutComments(String html) {
    return html.replaceAll("(?s)<!--.*?-->", "");
  }

  private static URI resolve(URI base, String reference) {
    return base.resolve(reference.strip());
  }
}
