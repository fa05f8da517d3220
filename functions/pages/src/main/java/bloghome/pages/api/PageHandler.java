package bloghome.pages.api;

import bloghome.aws.DynamoDbClients;
import bloghome.comments.CommentService;
import bloghome.comments.CommentsConfig;
import bloghome.comments.DynamoDbCommentStore;
import bloghome.comments.RecentComments;
import bloghome.config.Env;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.errors.Problem;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.json.JsonObject;
import bloghome.pages.Assets;
import bloghome.pages.Markdown;
import bloghome.pages.PageRequest;
import bloghome.pages.Pages;
import bloghome.pages.SiteConfig;
import bloghome.pages.StudioPages;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.PostListing;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.skins.DynamoDbSkinStore;
import bloghome.skins.MediaUrls;
import bloghome.stats.DynamoDbFollowStore;
import bloghome.stats.Follows;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The blog's pages: routes, request parsing and response mapping (headers, CSP, caching, error
 * pages) only. Page data comes from {@link Pages}; {@link PageRenderer} turns it into HTML with the
 * templates precompiled at build time.
 */
public final class PageHandler extends ApiHandler {
  static final String ALLOW = "GET, HEAD";

  /** A year, the usual minimum for preload lists; subdomains are not ours to decide. */
  static final String HSTS = "max-age=31536000";

  private final SiteConfig site;
  private final Assets assets;
  private final PageRenderer renderer;
  private final StudioPages studio = new StudioPages(new Markdown());

  /**
   * A preview body: the content (at most 200 KB of UTF-8) as JSON, whose escapes (a control
   * character becomes six bytes) may make it larger; the content's own limit is checked after.
   */
  static final int PREVIEW_BODY_MAX = 1024 * 1024;

  /** Production: one DynamoDB client and the assets, built once per execution environment. */
  public PageHandler() {
    this(
        DynamoDbClients.fromEnvironment(),
        Env.require("TABLE_NAME"),
        CursorCodec.fromEnvironment(Clock.systemUTC()).withoutExpiry(),
        SiteConfig.fromEnvironment());
    primeBeforeSnapshot("pages");
  }

  public PageHandler(
      DynamoDbClient dynamo, String table, String cursorSigningKey, SiteConfig site) {
    this(dynamo, table, CursorCodec.withoutExpiry(cursorSigningKey), site);
  }

  public PageHandler(DynamoDbClient dynamo, String table, CursorCodec cursors, SiteConfig site) {
    this(pages(dynamo, table, cursors, site), site);
  }

  public PageHandler(Pages pages, SiteConfig site) {
    this.site = site;
    this.assets = Assets.load();
    this.renderer = new PageRenderer(pages, site, assets);
    page("/u/{userId}", request -> safely(request, renderer::home));
    page("/u/{userId}/skin", request -> safely(request, renderer::skinEditor));
    page("/p/{postId}", request -> safely(request, renderer::post));
    page("/p/{postId}/edit", request -> safely(request, renderer::edit));
    page("/write", request -> safely(request, renderer::write));
    page("/studio", request -> safely(request, renderer::studio));
    page("/studio/profile", request -> safely(request, renderer::studioProfile));
    page("/studio/import", request -> safely(request, renderer::studioImport));
    page("/studio/favorites", request -> safely(request, renderer::studioFavorites));
    route("POST /studio/preview", this::preview);
    page("/sign-in", request -> safely(request, renderer::signIn));
    page("/auth/callback", request -> safely(request, renderer::callback));
    page("/assets/{file}", this::asset);
    page("/sitemap.xml", request -> safely(request, renderer::sitemapIndex));
    page("/robots.txt", request -> safely(request, renderer::robots));
    // Category, tag and archive pages, feeds and sitemaps of a blog (docs/discovery.md); anything
    // else under a blog or a post is a page too: a 404 page, not the gateway's JSON.
    page(
        "/u/{userId}/{rest+}",
        request ->
            safely(
                request,
                (r, page) -> {
                  r.pathParam("userId");
                  return renderer
                      .blogSubPage(r, page)
                      .orElseGet(() -> noSuchPage(r, page, "userId"));
                }));
    page(
        "/p/{postId}/{rest+}",
        request -> safely(request, (r, page) -> noSuchPage(r, page, "postId")));
  }

  /**
   * A page at {@code path}: {@code GET} renders it; the template's {@code ANY} route on the same
   * path (API Gateway prefers the {@code GET} route when both match) answers {@code HEAD} as {@code
   * GET} without the body, as crawlers and link checkers expect, and any other method with a 405
   * page that names the allowed ones.
   */
  private void page(String path, Route get) {
    route("GET " + path, request -> secured(request, get.handle(request)));
    route(
        "ANY " + path,
        request -> {
          String method = request.event().getRequestContext().getHttp().getMethod();
          if ("HEAD".equals(method) || "GET".equals(method)) {
            APIGatewayV2HTTPResponse answer = secured(request, get.handle(request));
            if ("HEAD".equals(method)) {
              answer.setBody(null);
            }
            return answer;
          }
          APIGatewayV2HTTPResponse refused =
              secured(
                  request,
                  safely(
                      request,
                      (r, page) ->
                          renderer.errorPage(
                              page,
                              new Problem(
                                  Problem.Kind.METHOD_NOT_ALLOWED,
                                  "METHOD_NOT_ALLOWED",
                                  "Pages are read with GET or HEAD.",
                                  null))));
          refused.getHeaders().put("allow", ALLOW);
          return refused;
        });
  }

  /**
   * Over https (API Gateway and CloudFront say so in {@code X-Forwarded-Proto}), browsers are told
   * to use https only from then on; over plain http (the local stack) that header would be ignored
   * anyway, and a development origin must not be pinned.
   */
  private static APIGatewayV2HTTPResponse secured(
      ApiRequest request, APIGatewayV2HTTPResponse response) {
    if (isHttps(request)) {
      response.getHeaders().put("strict-transport-security", HSTS);
    }
    return response;
  }

  static boolean isHttps(ApiRequest request) {
    return request
        .header("x-forwarded-proto")
        .map(p -> p.strip().equalsIgnoreCase("https"))
        .orElse(false);
  }

  private PageRenderer.Rendered noSuchPage(ApiRequest request, PageRequest page, String idParam) {
    request.pathParam(idParam); // a malformed id is a 400 here too, as on every route that reads it
    return renderer.errorPage(page, Problem.notFound("PAGE_NOT_FOUND", "No such page."));
  }

  /**
   * Cursors in pages hold no time ({@link CursorCodec#withoutExpiry}), as the listing API's: the
   * same data renders the same bytes, so the ETag matches while nothing changed.
   */
  static Pages pages(DynamoDbClient dynamo, String table, CursorCodec cursors, SiteConfig site) {
    Clock clock = Clock.systemUTC();
    return new Pages(
        new PostListing(new DynamoDbPostStore(dynamo, table, clock), cursors),
        new DynamoDbProfileStore(dynamo, table),
        new DynamoDbSkinStore(dynamo, table),
        new CommentService(
            new DynamoDbCommentStore(dynamo, table), cursors, clock, CommentsConfig.DEFAULT),
        new MediaUrls(site.mediaBaseUrl()),
        new Discovery(new DynamoDbDiscoveryStore(dynamo, table), cursors),
        new RecentComments(dynamo, table),
        new Follows(new DynamoDbFollowStore(dynamo, table), cursors, clock));
  }

  /**
   * The editor's live preview: {@code {"content"}} → {@code {"html"}}, the post page's rendering of
   * it. Behind the JWT authorizer (only signed-in writers make the function render), JSON in and
   * out; the HTML is escaped and sanitised by the renderer, so the script inserts it as it is.
   */
  private APIGatewayV2HTTPResponse preview(ApiRequest request) {
    request.requireCaller();
    JsonObject body = request.json(PREVIEW_BODY_MAX).allowOnly(Set.of("content"));
    String html = studio.preview(body.optString("content").orElse(""));
    return Responses.json(200, Map.of("html", html), Map.of("cache-control", "no-store"));
  }

  public Assets assets() {
    return assets;
  }

  @FunctionalInterface
  private interface PageRoute {
    PageRenderer.Rendered render(ApiRequest request, PageRequest page);
  }

  private APIGatewayV2HTTPResponse safely(ApiRequest request, PageRoute route) {
    PageRequest page;
    PageRenderer.Rendered rendered;
    try {
      page = pageRequest(request);
    } catch (PageRequest.UnknownLanguage e) {
      return respond(request, e.fallback(), renderer.errorPage(e.fallback(), e));
    }
    try {
      rendered = route.render(request, page);
    } catch (Problem problem) {
      rendered = renderer.errorPage(page, problem);
    }
    return respond(request, page, rendered);
  }

  private APIGatewayV2HTTPResponse respond(
      ApiRequest request, PageRequest page, PageRenderer.Rendered rendered) {
    List<String> cookies = new ArrayList<>();
    page.langCookie(isHttps(request)).ifPresent(cookies::add);
    String referrer =
        request.routeKey().endsWith(" /auth/callback")
            ? "no-referrer"
            : "strict-origin-when-cross-origin";
    return HtmlResponses.page(
        rendered.status(),
        rendered.html(),
        rendered.contentType(),
        csp(rendered.style()),
        rendered.caching(),
        request.header("if-none-match"),
        cookies,
        referrer);
  }

  private static PageRequest pageRequest(ApiRequest request) {
    var event = request.event();
    String path = event.getRawPath() == null ? "/" : event.getRawPath();
    return PageRequest.of(
        path,
        event.getQueryStringParameters(),
        event.getCookies(),
        request.header("accept-language"));
  }

  private APIGatewayV2HTTPResponse asset(ApiRequest request) {
    String file = request.pathParam("file");
    return assets
        .find(file)
        .map(a -> HtmlResponses.asset(a.contentType(), a.bytes(), request.header("if-none-match")))
        .orElseGet(
            () ->
                safely(
                    request,
                    (r, page) ->
                        renderer.errorPage(
                            page, Problem.notFound("ASSET_NOT_FOUND", "No such file."))));
  }

  /** A path on this site to come back to; anything else (another origin, {@code //x}) goes home. */
  static String safeReturn(Optional<String> value) {
    return PageRenderer.safeReturn(value);
  }

  /**
   * The policy: scripts and stylesheets from this origin only, the skin's one {@code <style>} by
   * its hash, images from here and the media CDN only (a post's images from other sites are links,
   * see {@code Markdown}), requests to this origin (the API), the bucket (presigned PUTs) and the
   * hosted UI (its token and revoke endpoints).
   */
  String csp(Optional<String> style) {
    String media = site.mediaOrigin().map(o -> " " + o).orElse("");
    String cognito = site.cognitoDomain().map(d -> " " + d).orElse("");
    return "default-src 'none'; script-src 'self'; style-src 'self'"
        + style.map(s -> " " + HtmlResponses.styleHash(s)).orElse("")
        + "; img-src 'self'"
        + media
        + "; connect-src 'self' "
        + site.uploadOrigin()
        + cognito
        + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }
}
