package bloghome.pages;

import bloghome.discovery.Discovery;
import bloghome.errors.Problem;
import bloghome.pages.Feeds.Item;
import bloghome.pages.Feeds.Url;
import bloghome.posts.ListingPage;
import bloghome.posts.ListingQuery;
import bloghome.posts.Post;
import bloghome.posts.PostListing;
import bloghome.posts.PostSummary;
import bloghome.profiles.Profile;
import bloghome.profiles.Profiles;
import bloghome.table.DiscoveryItems;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Total;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A blog's RSS feeds (all posts, one category, one tag) and sitemaps, and the site's sitemap index
 * and robots.txt (docs/discovery.md). Only listed posts are in them: they are built from the public
 * listing and the discovery entries, which hold nothing else.
 */
public final class FeedPages {
  /** Items in a feed. */
  public static final int FEED_ITEMS = 20;

  /** Posts read per listing Query while a sitemap pages through a blog. */
  static final int SITEMAP_QUERY = ListingQuery.MAX_LIMIT;

  private final PostListing listing;
  private final Discovery discovery;
  private final Profiles profiles;
  private final Markdown markdown = new Markdown();

  public FeedPages(PostListing listing, Discovery discovery, Profiles profiles) {
    this.listing = listing;
    this.discovery = discovery;
    this.profiles = profiles;
  }

  /** The blog's feed, or one category's or tag's ({@code kind} and {@code name} given). */
  public String feed(
      String origin, String userId, Optional<Kind> kind, Optional<String> name, Messages m) {
    Profile profile = profiles.get(userId);
    boolean full = discovery.feedFullText(userId);
    String home = origin + Links.home(userId);
    String blogTitle = m.t("home.title", profile.displayName());
    List<Item> items = new ArrayList<>();
    String title;
    String link;
    if (kind.isEmpty()) {
      title = blogTitle;
      link = home;
      ListingPage page = listing.list(query(userId, FEED_ITEMS, Optional.empty()));
      for (PostSummary s : page.items()) {
        items.add(item(origin, s.postId(), s.title(), s.summary(), s.publishedAt(), full));
      }
    } else {
      title = blogTitle + " - " + DiscoveryPages.heading(kind.get(), name.get(), m);
      link = origin + DiscoveryPages.indexHref(kind.get(), userId, name.get());
      Discovery.IndexPage page =
          discovery.page(kind.get(), userId, name.get(), FEED_ITEMS, Optional.empty());
      for (Listed p : page.posts()) {
        items.add(item(origin, p.postId(), p.title(), p.summary(), p.publishedAt(), full));
      }
    }
    String description = profile.bio().isEmpty() ? title : profile.bio();
    return Feeds.rss(
        new Feeds.Channel(title, link, description, m.lang().tag(), link + "/feed.xml"), items);
  }

  private Item item(
      String origin, String postId, String title, String summary, Instant published, boolean full) {
    Optional<String> html = Optional.empty();
    List<String> categories = List.of();
    if (full) {
      Post post = listing.get(postId);
      html = Optional.of(markdown.toHtml(post.content()));
      categories = post.categories();
    }
    return new Item(title, origin + Links.post(postId), summary, html, published, categories);
  }

  /**
   * Part {@code part} (from 1) of a blog's sitemap: part 1 is the home page and every category, tag
   * and archive page; parts 2 and on are the posts, newest first, 50,000 a part (the sitemaps.org
   * limit), each with its last change.
   */
  public String sitemap(String origin, String userId, int part) {
    profiles.get(userId);
    List<Url> urls = new ArrayList<>();
    if (part == 1) {
      urls.add(new Url(origin + Links.home(userId), Optional.empty()));
      for (Kind kind : Kind.values()) {
        for (Total t : discovery.sidebarTotals(userId, kind)) {
          if (urls.size() < Feeds.SITEMAP_MAX_URLS) {
            urls.add(
                new Url(
                    origin + DiscoveryPages.indexHref(kind, userId, t.name()), Optional.empty()));
          }
        }
      }
      return Feeds.urlset(urls);
    }
    long skip = (long) (part - 2) * Feeds.SITEMAP_MAX_URLS;
    Optional<String> cursor = Optional.empty();
    long seen = 0;
    do {
      ListingPage page = listing.list(query(userId, SITEMAP_QUERY, cursor));
      for (PostSummary s : page.items()) {
        if (seen++ < skip) {
          continue;
        }
        if (urls.size() == Feeds.SITEMAP_MAX_URLS) {
          return Feeds.urlset(urls);
        }
        urls.add(new Url(origin + Links.post(s.postId()), Optional.of(s.updatedAt())));
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    if (urls.isEmpty()) {
      throw Problem.notFound("PAGE_NOT_FOUND", "No such page.");
    }
    return Feeds.urlset(urls);
  }

  /**
   * The sitemap index: every blog's sitemap parts (a part per 50,000 URLs, counted from the blog's
   * number of posts and pages). Up to {@link Feeds#SITEMAP_MAX_URLS} sitemaps; beyond that the next
   * step is an index per range of blogs (docs/discovery.md).
   */
  public String sitemapIndex(String origin, DiscoveryIndexSource blogs) {
    List<Url> sitemaps = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      DiscoveryItems.Blogs page = blogs.blogs(1000, after);
      for (DiscoveryItems.Blog blog : page.blogs()) {
        if (blog.posts() <= 0) {
          continue;
        }
        long parts = 1 + (blog.posts() + Feeds.SITEMAP_MAX_URLS - 1) / Feeds.SITEMAP_MAX_URLS;
        for (int part = 1; part <= parts && sitemaps.size() < Feeds.SITEMAP_MAX_URLS; part++) {
          sitemaps.add(new Url(origin + sitemapPath(blog.userId(), part), Optional.empty()));
        }
      }
      after = page.next();
    } while (after.isPresent() && sitemaps.size() < Feeds.SITEMAP_MAX_URLS);
    return Feeds.sitemapIndex(sitemaps);
  }

  /** Where the blogs with posts come from (the store, in production). */
  @FunctionalInterface
  public interface DiscoveryIndexSource {
    DiscoveryItems.Blogs blogs(int limit, Optional<String> afterUserId);
  }

  public static String sitemapPath(String userId, int part) {
    return Links.home(userId) + (part == 1 ? "/sitemap.xml" : "/sitemap-" + part + ".xml");
  }

  public static String robots(String origin) {
    return "User-agent: *\n"
        + "Allow: /\n"
        + "Disallow: /sign-in\n"
        + "Disallow: /auth/\n"
        + "Disallow: /u/*/skin\n"
        + "\n"
        + "Sitemap: "
        + origin
        + "/sitemap.xml\n";
  }

  private static ListingQuery query(String userId, int limit, Optional<String> cursor) {
    return ListingQuery.parse(
        userId, Optional.of(Integer.toString(limit)), Optional.empty(), Optional.empty(), cursor);
  }
}
