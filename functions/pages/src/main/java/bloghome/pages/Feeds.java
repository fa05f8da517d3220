package bloghome.pages;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * RSS 2.0 feeds and sitemaps (sitemaps.org 0.9), written with the JDK's StAX writer, which escapes
 * every text and attribute: no XML is put together by hand. Every URL given is absolute.
 */
public final class Feeds {
  public static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
  public static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  public static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

  /** Sitemaps.org: at most 50,000 URLs in one sitemap and 50,000 sitemaps in one index. */
  public static final int SITEMAP_MAX_URLS = 50_000;

  /** RFC 822 dates, as RSS 2.0 requires (four-digit years, as its profile recommends). */
  private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  private Feeds() {}

  /** A feed item; {@code html} is the whole post (full-text feeds) or empty (excerpts). */
  public record Item(
      String title,
      String link,
      String summary,
      Optional<String> html,
      Instant published,
      List<String> categories) {}

  /** One channel: title, its page, description, language and self link. */
  public record Channel(
      String title, String link, String description, String language, String self) {}

  public static String rss(Channel channel, List<Item> items) {
    return write(
        w -> {
          w.writeStartElement("rss");
          w.writeAttribute("version", "2.0");
          w.writeNamespace("content", CONTENT_NS);
          w.writeNamespace("atom", ATOM_NS);
          w.writeStartElement("channel");
          element(w, "title", channel.title());
          element(w, "link", channel.link());
          element(w, "description", channel.description());
          element(w, "language", channel.language());
          w.writeEmptyElement("atom", "link", ATOM_NS);
          w.writeAttribute("href", channel.self());
          w.writeAttribute("rel", "self");
          w.writeAttribute("type", "application/rss+xml");
          if (!items.isEmpty()) {
            element(w, "lastBuildDate", rfc822(items.getFirst().published()));
          }
          for (Item item : items) {
            w.writeStartElement("item");
            element(w, "title", item.title());
            element(w, "link", item.link());
            w.writeStartElement("guid");
            w.writeAttribute("isPermaLink", "true");
            w.writeCharacters(item.link());
            w.writeEndElement();
            element(w, "pubDate", rfc822(item.published()));
            for (String category : item.categories()) {
              element(w, "category", category);
            }
            element(w, "description", item.summary());
            if (item.html().isPresent()) {
              w.writeStartElement("content", "encoded", CONTENT_NS);
              w.writeCharacters(stripInvalid(item.html().get()));
              w.writeEndElement();
            }
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  /** A sitemap URL with its last change, when known. */
  public record Url(String loc, Optional<Instant> lastModified) {}

  public static String urlset(List<Url> urls) {
    return write(
        w -> {
          w.writeStartElement("urlset");
          w.writeDefaultNamespace(SITEMAP_NS);
          for (Url url : urls) {
            w.writeStartElement("url");
            element(w, "loc", url.loc());
            if (url.lastModified().isPresent()) {
              element(w, "lastmod", w3c(url.lastModified().get()));
            }
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  public static String sitemapIndex(List<Url> sitemaps) {
    return write(
        w -> {
          w.writeStartElement("sitemapindex");
          w.writeDefaultNamespace(SITEMAP_NS);
          for (Url url : sitemaps) {
            w.writeStartElement("sitemap");
            element(w, "loc", url.loc());
            if (url.lastModified().isPresent()) {
              element(w, "lastmod", w3c(url.lastModified().get()));
            }
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  static String rfc822(Instant at) {
    return RFC_822.format(at.atOffset(ZoneOffset.UTC));
  }

  /** W3C Datetime with seconds, in UTC. */
  static String w3c(Instant at) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC).withNano(0));
  }

  @FunctionalInterface
  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(8 * 1024);
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML", e);
    }
    return out.toString();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(stripInvalid(text));
    w.writeEndElement();
  }

  /** XML 1.0 cannot carry most control characters, even escaped: they are left out. */
  static String stripInvalid(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
