package bloghome.pages.api;

import bloghome.errors.Problem;
import bloghome.http.ApiRequest;
import bloghome.images.PostImageRules;
import bloghome.pages.Assets;
import bloghome.pages.DiscoveryPages;
import bloghome.pages.FeedPages;
import bloghome.pages.Messages;
import bloghome.pages.PageModels;
import bloghome.pages.PageModels.Seo;
import bloghome.pages.PageRequest;
import bloghome.pages.Pages;
import bloghome.pages.ReturnPath;
import bloghome.pages.SeoTags;
import bloghome.pages.SiteConfig;
import bloghome.pages.StudioPages;
import bloghome.table.DiscoveryItems.Kind;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders each page of {@link PageHandler} from its data: the layout every page shares, the model
 * of its template and the caching it allows. Knows no routes and no headers.
 */
final class PageRenderer {
  private final Pages pages;
  private final SiteConfig site;
  private final Assets assets;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  PageRenderer(Pages pages, SiteConfig site, Assets assets) {
    this.pages = pages;
    this.site = site;
    this.assets = assets;
  }

  /** One page's answer before the common headers: HTML, status, caching and extra CSP styles. */
  record Rendered(
      int status,
      String html,
      HtmlResponses.Caching caching,
      Optional<String> style,
      String contentType) {
    Rendered(int status, String html, HtmlResponses.Caching caching, Optional<String> style) {
      this(status, html, caching, style, HtmlResponses.HTML);
    }

    /** A public XML or text document (feed, sitemap, robots.txt). */
    static Rendered document(String body, String contentType) {
      return new Rendered(200, body, HtmlResponses.Caching.PUBLIC, Optional.empty(), contentType);
    }
  }

  static final String RSS = "application/rss+xml; charset=utf-8";
  static final String XML = "application/xml; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  /**
   * The site's origin for absolute URLs (canonical, feeds, sitemaps): {@code SITE_URL} when the
   * deployment knows it (a custom domain), else the request's scheme and host.
   */
  String origin(ApiRequest request) {
    if (site.siteUrl().isPresent()) {
      return site.siteUrl().get();
    }
    String scheme = PageHandler.isHttps(request) ? "https" : "http";
    String host =
        request
            .header("x-forwarded-host")
            .or(() -> request.header("host"))
            .map(String::strip)
            .filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}"))
            .orElse("localhost");
    return scheme + "://" + host;
  }

  /**
   * The pages under {@code /u/{userId}/}: category, tag and archive pages with their feeds, the
   * blog's feed and sitemap parts; empty for any other path.
   */
  Optional<Rendered> blogSubPage(ApiRequest request, PageRequest page) {
    String userId = request.pathParam("userId");
    List<String> rest = segments(page.path());
    // rest = [u, userId, ...]
    if (rest.size() < 3) {
      return Optional.empty();
    }
    List<String> tail = rest.subList(2, rest.size());
    Messages m = page.messages();
    String origin = origin(request);
    if (tail.size() == 1) {
      String name = tail.getFirst();
      if (name.equals("following")) {
        return Optional.of(following(request, page, userId));
      }
      if (name.equals("feed.xml")) {
        return Optional.of(
            Rendered.document(
                pages.feeds().feed(origin, userId, Optional.empty(), Optional.empty(), m), RSS));
      }
      if (name.equals("sitemap.xml")) {
        return Optional.of(Rendered.document(pages.feeds().sitemap(origin, userId, 1), XML));
      }
      if (name.matches("sitemap-[1-9][0-9]{0,5}\\.xml")) {
        int part = Integer.parseInt(name.substring(8, name.length() - 4));
        if (part < 2) {
          return Optional.empty();
        }
        return Optional.of(Rendered.document(pages.feeds().sitemap(origin, userId, part), XML));
      }
      return Optional.empty();
    }
    if (tail.size() == 2 || (tail.size() == 3 && tail.get(2).equals("feed.xml"))) {
      Kind kind;
      try {
        kind = DiscoveryPages.kindOf(tail.get(0));
      } catch (Problem notFound) {
        return Optional.empty();
      }
      String name = tail.get(1);
      if (tail.size() == 3) {
        if (kind == Kind.MONTH) {
          return Optional.empty();
        }
        return Optional.of(
            Rendered.document(
                pages.feeds().feed(origin, userId, Optional.of(kind), Optional.of(name), m), RSS));
      }
      return Optional.of(index(request, page, kind, userId, name));
    }
    return Optional.empty();
  }

  private Rendered index(
      ApiRequest request, PageRequest page, Kind kind, String userId, String name) {
    Optional<String> cursor = page.param("cursor");
    List<String> trail = Pages.trail(page.param("trail"), cursor.isPresent());
    Pages.IndexData data =
        pages.index(
            new DiscoveryPages.IndexRequest(
                kind, userId, name, DiscoveryPages.order(page.param("sort")), cursor, trail));
    Messages m = page.messages();
    String heading = DiscoveryPages.heading(kind, name, m);
    String path = DiscoveryPages.indexHref(kind, userId, name);
    Optional<String> feed = kind == Kind.MONTH ? Optional.empty() : Optional.of(path + "/feed.xml");
    PageModels.Layout layout =
        layout(
            page,
            heading + " - " + m.t("home.title", data.profile().displayName()),
            m.t("index.description", data.profile().displayName(), heading, data.page().total()),
            Optional.empty(),
            List.of(),
            Map.of(),
            SeoTags.index(origin(request), page, data.profile(), heading, path, feed, m));
    return new Rendered(
        200,
        render("index.jte", pages.indexPage(data, layout, m)),
        HtmlResponses.Caching.PUBLIC,
        Optional.empty());
  }

  private Rendered following(ApiRequest request, PageRequest page, String userId) {
    Pages.FollowingData data = pages.following(userId, page.param("cursor"));
    Messages m = page.messages();
    String heading = m.t("home.tab.following", data.profile().following());
    String path = data.profile().homeHref() + "/following";
    PageModels.Layout layout =
        layout(
            page,
            heading + " - " + m.t("home.title", data.profile().displayName()),
            "",
            Optional.empty(),
            List.of(),
            Map.of(),
            SeoTags.index(
                origin(request), page, data.profile(), heading, path, Optional.empty(), m));
    return new Rendered(
        200,
        render("following.jte", pages.followingPage(data, layout, m)),
        HtmlResponses.Caching.PUBLIC,
        Optional.empty());
  }

  Rendered sitemapIndex(ApiRequest request, PageRequest page) {
    return Rendered.document(pages.feeds().sitemapIndex(origin(request), pages.blogs()), XML);
  }

  Rendered robots(ApiRequest request, PageRequest page) {
    return Rendered.document(FeedPages.robots(origin(request)), TEXT);
  }

  /** The decoded segments of a raw path. */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        try {
          segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw Problem.notFound("PAGE_NOT_FOUND", "No such page.");
        }
      }
    }
    return segments;
  }

  Rendered home(ApiRequest request, PageRequest page) {
    Pages.Home home =
        pages.home(
            new Pages.HomeRequest(
                request.pathParam("userId"),
                page.param("sort"),
                page.param("type"),
                page.param("cursor"),
                page.param("trail")));
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("home.title", home.profile().displayName()),
            home.profile().bio().isBlank()
                ? m.t("home.descriptionDefault", home.profile().displayName())
                : home.profile().bio(),
            Optional.of(home.skinCss()),
            List.of("home.js"),
            Map.of("user-id", home.profile().userId()),
            SeoTags.home(origin(request), page, home.profile(), m));
    String html = render("home.jte", pages.homePage(home, layout, m));
    return new Rendered(200, html, HtmlResponses.Caching.PUBLIC, Optional.of(home.skinCss()));
  }

  Rendered post(ApiRequest request, PageRequest page) {
    Pages.PostData data;
    try {
      data = pages.post(request.pathParam("postId"));
    } catch (Problem problem) {
      if (problem.code().equals("FOLLOWERS_ONLY")) {
        return followersOnlyPost(page, request.pathParam("postId"));
      }
      throw problem;
    }
    Messages m = page.messages();
    var summary = data.post().summary();
    PageModels.Layout layout =
        layout(
            page,
            summary.title(),
            summary.summary(),
            Optional.empty(),
            List.of("post.js"),
            Map.of("post-id", summary.postId(), "author-id", summary.authorId()),
            SeoTags.post(origin(request), page, data.post(), data.author(), m));
    return new Rendered(
        200,
        render("post.jte", pages.postPage(data, layout, m)),
        HtmlResponses.Caching.PUBLIC,
        Optional.empty());
  }

  Rendered skinEditor(ApiRequest request, PageRequest page) {
    Pages.SkinData data = pages.skinEditor(request.pathParam("userId"));
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("skin.title"),
            m.t("skin.description"),
            Optional.of(data.skinCss()),
            List.of("skin.js"),
            Map.of("user-id", data.owner().userId(), "home", data.owner().homeHref()),
            Seo.NONE);
    return new Rendered(
        200,
        render("skin.jte", pages.skinEditorPage(data, layout, m)),
        HtmlResponses.Caching.NO_STORE,
        Optional.of(data.skinCss()));
  }

  /** {@code /write}: the editor for a new post. */
  Rendered write(ApiRequest request, PageRequest page) {
    return studioPage(page, "write.jte", "studio.write.title", "write.js", Map.of());
  }

  /** {@code /p/{postId}/edit}: the editor for one of the owner's posts (the API says whose). */
  Rendered edit(ApiRequest request, PageRequest page) {
    String postId = request.pathParam("postId");
    return studioPage(
        page, "write.jte", "studio.edit.title", "write.js", Map.of("post-id", postId));
  }

  /** {@code /studio}: the owner's posts and the comments on them. */
  Rendered studio(ApiRequest request, PageRequest page) {
    return studioPage(page, "studio.jte", "studio.manage.title", "studio.js", Map.of());
  }

  /** {@code /studio/profile}: display name and bio. */
  Rendered studioProfile(ApiRequest request, PageRequest page) {
    return studioPage(page, "profile.jte", "studio.profile.title", "profile.js", Map.of());
  }

  /** {@code /studio/import}: import Markdown, zips and WordPress exports; export everything. */
  Rendered studioImport(ApiRequest request, PageRequest page) {
    return studioPage(page, "import.jte", "studio.import.title", "import.js", Map.of());
  }

  /** {@code /studio/favorites}: the posts the signed-in reader saved, with a way to unsave. */
  Rendered studioFavorites(ApiRequest request, PageRequest page) {
    return studioPage(page, "favorites.jte", "studio.favorites.title", "favorites.js", Map.of());
  }

  /**
   * A studio page is a static shell, the same for every reader: the script shows the sign-in
   * prompt, or fills the page from the API with the owner's token. Never stored by any cache.
   */
  private Rendered studioPage(
      PageRequest page, String template, String titleKey, String script, Map<String, String> ids) {
    Messages m = page.messages();
    Map<String, String> data = new LinkedHashMap<>(ids);
    data.put("content-max-bytes", Integer.toString(StudioPages.LIMITS.contentMaxBytes()));
    data.put("tags-max", Integer.toString(StudioPages.LIMITS.tagsMax()));
    data.put("categories-max", Integer.toString(StudioPages.LIMITS.categoriesMax()));
    data.put("schedule-max-days", Integer.toString(StudioPages.LIMITS.scheduleMaxDays()));
    // Post images (docs/images.md): the limits post-images.js checks before the server does.
    data.put("image-max-bytes", Long.toString(PostImageRules.MAX_BYTES));
    data.put("images-per-post", Integer.toString(PostImageRules.MAX_PER_POST));
    data.put("images-per-day", Integer.toString(PostImageRules.MAX_PER_DAY));
    PageModels.Layout layout =
        layout(
            page,
            m.t(titleKey),
            m.t("studio.description"),
            Optional.empty(),
            List.of(script),
            data,
            Seo.NONE);
    return new Rendered(
        200,
        render(
            template,
            new PageModels.StudioPage(
                layout,
                StudioPages.scriptStrings(m, script.equals("import.js")),
                StudioPages.LIMITS)),
        HtmlResponses.Caching.NO_STORE,
        Optional.empty());
  }

  Rendered signIn(ApiRequest request, PageRequest page) {
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("signin.title"),
            "",
            Optional.empty(),
            List.of("signin.js"),
            Map.of("return", safeReturn(page.param("return"))),
            Seo.NONE);
    return new Rendered(
        200,
        render(
            "auth.jte",
            new PageModels.AuthPage(layout, m.t("signin.title"), m.t("signin.redirecting"))),
        HtmlResponses.Caching.NO_STORE,
        Optional.empty());
  }

  Rendered callback(ApiRequest request, PageRequest page) {
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("callback.title"),
            "",
            Optional.empty(),
            List.of("callback.js"),
            Map.of(),
            Seo.NONE);
    return new Rendered(
        200,
        render(
            "auth.jte",
            new PageModels.AuthPage(layout, m.t("callback.title"), m.t("callback.working"))),
        HtmlResponses.Caching.NO_STORE,
        Optional.empty());
  }

  /**
   * What session.js needs on every page (it refreshes tokens and signs out there): the hosted UI
   * and the app client. The same on the local stack as in AWS.
   */
  private Map<String, String> withAuthData(Map<String, String> pageData) {
    Map<String, String> data = new LinkedHashMap<>(pageData);
    site.cognitoDomain().ifPresent(d -> data.put("cognito-domain", d));
    site.cognitoClientId().ifPresent(c -> data.put("client-id", c));
    return data;
  }

  /** A page of this site to come back to ({@link ReturnPath}); anything else goes home. */
  static String safeReturn(Optional<String> value) {
    return ReturnPath.safe(value);
  }

  /**
   * A followers-only post: the same page for everyone (the function never knows the reader); its
   * script asks the JWT routes for the post, its rendering and its comments when the reader is
   * signed in, and they answer the author and followers only (docs/discovery.md).
   */
  private Rendered followersOnlyPost(PageRequest page, String postId) {
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("followers.heading"),
            "",
            Optional.empty(),
            List.of("followers-post.js"),
            Map.of("post-id", postId),
            Seo.NONE);
    String html =
        render(
            "followers-post.jte",
            new PageModels.ErrorPage(layout, 403, m.t("followers.heading"), m.t("followers.text")));
    return new Rendered(403, html, HtmlResponses.Caching.NO_STORE, Optional.empty());
  }

  Rendered errorPage(PageRequest page, Problem problem) {
    Messages m = page.messages();
    int status = problem.kind().status();
    String key =
        switch (problem.code()) {
          case "PROFILE_NOT_FOUND", "USER_NOT_FOUND" -> "error.noUser";
          case "POST_NOT_FOUND" -> "error.noPost";
          case "INVALID_CURSOR" -> "error.cursor";
          case "UNKNOWN_LANGUAGE" -> "error.lang";
          default -> status == 404 ? "error.notFound" : "error.badRequest";
        };
    PageModels.Layout layout =
        layout(
            page,
            m.t("error.title", status),
            m.t(key + ".text"),
            Optional.empty(),
            List.of(),
            Map.of(),
            Seo.NONE);
    String html =
        render(
            "error.jte",
            new PageModels.ErrorPage(layout, status, m.t(key + ".heading"), m.t(key + ".text")));
    return new Rendered(status, html, HtmlResponses.Caching.NO_STORE, Optional.empty());
  }

  private PageModels.Layout layout(
      PageRequest page,
      String title,
      String description,
      Optional<String> style,
      List<String> scripts,
      Map<String, String> data,
      Seo seo) {
    return new PageModels.Layout(
        page.messages(),
        assets,
        title,
        description == null ? "" : description,
        page.here(),
        page.otherLangHref(),
        page.signInHref(),
        style,
        scripts,
        withAuthData(data),
        seo);
  }

  private String render(String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    templates.render(template, model, out);
    return out.toString();
  }
}
