package bloghome.pages;

import bloghome.json.Json;
import bloghome.pages.PageModels.Alternate;
import bloghome.pages.PageModels.ProfileView;
import bloghome.pages.PageModels.Seo;
import bloghome.posts.Post;
import bloghome.posts.PostSummary;
import bloghome.time.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The head tags for crawlers and share cards of each reader page: canonical URL (absolute, with the
 * page's language), {@code hreflang} alternates for zh-CN and en plus {@code x-default}, Open Graph
 * / Twitter card type, feeds, and JSON-LD ({@code ProfilePage}, {@code BlogPosting}, {@code
 * BreadcrumbList}) serialised by the project's JSON writer, which escapes {@code <}.
 */
public final class SeoTags {
  private SeoTags() {}

  /** The page at {@code path} (with its query, without {@code lang}) on {@code origin}. */
  record Where(String origin, PageRequest page) {
    String url(Lang lang) {
      Map<String, String> q = new LinkedHashMap<>(page.query());
      q.put("lang", lang.tag());
      return origin + Links.withQuery(page.path(), q);
    }

    String canonical() {
      return url(page.lang());
    }

    String absolute(String path) {
      return origin + path;
    }

    List<Alternate> alternates() {
      List<Alternate> list = new ArrayList<>();
      for (Lang lang : Lang.values()) {
        list.add(new Alternate(lang.tag(), url(lang)));
      }
      // x-default names the page a visitor whose languages we lack is given (Chinese, as
      // Lang.fromAcceptLanguage decides), not the unparameterised address: that address is
      // canonicalised to its language's URL, and a canonical pointing from one hreflang URL to
      // another is a conflicting signal (Lighthouse's canonical audit fails it).
      list.add(new Alternate("x-default", url(Lang.ZH)));
      return list;
    }
  }

  public static Seo home(String origin, PageRequest page, ProfileView profile, Messages m) {
    Where where = new Where(origin, page);
    Map<String, Object> person = person(where, profile);
    Map<String, Object> ld = new LinkedHashMap<>();
    ld.put("@context", "https://schema.org");
    ld.put("@type", "ProfilePage");
    ld.put("url", where.canonical());
    ld.put("name", m.t("home.title", profile.displayName()));
    ld.put("inLanguage", page.lang().tag());
    ld.put("mainEntity", person);
    return new Seo(
        Optional.of(where.canonical()),
        where.alternates(),
        "profile",
        m.t("site.name"),
        feeds(where, profile, m),
        List.of(
            Json.write(ld),
            breadcrumbs(
                where,
                List.of(
                    crumb(
                        m.t("home.title", profile.displayName()),
                        where.absolute(profile.homeHref()))))),
        false);
  }

  public static Seo post(
      String origin, PageRequest page, Post post, ProfileView author, Messages m) {
    Where where = new Where(origin, page);
    PostSummary s = post.summary();
    Map<String, Object> ld = new LinkedHashMap<>();
    ld.put("@context", "https://schema.org");
    ld.put("@type", "BlogPosting");
    ld.put("headline", s.title());
    ld.put("description", s.summary());
    ld.put("url", where.absolute(Links.post(s.postId())));
    ld.put("mainEntityOfPage", where.canonical());
    ld.put("datePublished", Timestamps.format(s.publishedAt()));
    ld.put("dateModified", Timestamps.format(s.updatedAt()));
    ld.put("author", person(where, author));
    if (!post.tags().isEmpty()) {
      ld.put("keywords", String.join(", ", post.tags()));
    }
    if (!post.categories().isEmpty()) {
      ld.put("articleSection", post.categories().getFirst());
    }
    ld.put("inLanguage", page.lang().tag());
    ld.put(
        "interactionStatistic",
        List.of(
            interaction("ViewAction", s.counters().views()),
            interaction("LikeAction", s.counters().likes()),
            interaction("CommentAction", s.counters().comments())));
    return new Seo(
        Optional.of(where.canonical()),
        where.alternates(),
        "article",
        m.t("site.name"),
        feeds(where, author, m),
        List.of(
            Json.write(ld),
            breadcrumbs(
                where,
                List.of(
                    crumb(
                        m.t("home.title", author.displayName()), where.absolute(author.homeHref())),
                    crumb(s.title(), where.absolute(Links.post(s.postId())))))),
        false);
  }

  public static Seo index(
      String origin,
      PageRequest page,
      ProfileView profile,
      String heading,
      String path,
      Optional<String> feedHref,
      Messages m) {
    Where where = new Where(origin, page);
    List<Alternate> feeds = new ArrayList<>(feeds(where, profile, m));
    feedHref.ifPresent(f -> feeds.add(new Alternate(heading, where.absolute(f))));
    Map<String, Object> ld = new LinkedHashMap<>();
    ld.put("@context", "https://schema.org");
    ld.put("@type", "CollectionPage");
    ld.put("name", heading);
    ld.put("url", where.canonical());
    ld.put("inLanguage", page.lang().tag());
    return new Seo(
        Optional.of(where.canonical()),
        where.alternates(),
        "website",
        m.t("site.name"),
        feeds,
        List.of(
            Json.write(ld),
            breadcrumbs(
                where,
                List.of(
                    crumb(
                        m.t("home.title", profile.displayName()),
                        where.absolute(profile.homeHref())),
                    crumb(heading, where.absolute(path))))),
        false);
  }

  private static List<Alternate> feeds(Where where, ProfileView profile, Messages m) {
    return List.of(
        new Alternate(
            m.t("home.title", profile.displayName()),
            where.absolute(profile.homeHref() + "/feed.xml")));
  }

  private static Map<String, Object> person(Where where, ProfileView profile) {
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("@type", "Person");
    person.put("name", profile.displayName());
    person.put("identifier", profile.userId());
    person.put("url", where.absolute(profile.homeHref()));
    if (!profile.bio().isEmpty()) {
      person.put("description", profile.bio());
    }
    return person;
  }

  private static Map<String, Object> interaction(String type, long count) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@type", "InteractionCounter");
    m.put("interactionType", "https://schema.org/" + type);
    m.put("userInteractionCount", count);
    return m;
  }

  private record Crumb(String name, String url) {}

  private static Crumb crumb(String name, String url) {
    return new Crumb(name, url);
  }

  private static String breadcrumbs(Where where, List<Crumb> crumbs) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < crumbs.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("@type", "ListItem");
      item.put("position", i + 1);
      item.put("name", crumbs.get(i).name());
      item.put("item", crumbs.get(i).url());
      items.add(item);
    }
    Map<String, Object> ld = new LinkedHashMap<>();
    ld.put("@context", "https://schema.org");
    ld.put("@type", "BreadcrumbList");
    ld.put("itemListElement", items);
    return Json.write(ld);
  }
}
