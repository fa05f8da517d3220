package bloghome.pages.api;

import bloghome.aws.DynamoDbClients;
import bloghome.comments.CommentService;
import bloghome.comments.CommentsConfig;
import bloghome.comments.DynamoDbCommentStore;
import bloghome.config.Env;
import bloghome.errors.Problem;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.pages.Assets;
import bloghome.pages.Messages;
import bloghome.pages.PageModels;
import bloghome.pages.PageRequest;
import bloghome.pages.Pages;
import bloghome.pages.SiteConfig;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.PostListing;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.skins.DynamoDbSkinStore;
import bloghome.skins.MediaUrls;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The blog's pages: routes, request parsing and response mapping only. Page data comes from {@link
 * Pages}; the HTML from templates precompiled at build time.
 */
public final class PageHandler extends ApiHandler {
  private final Pages pages;
  private final SiteConfig site;
  private final Assets assets;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

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
    this.pages = pages;
    this.site = site;
    this.assets = Assets.load();
    route("GET /u/{userId}", request -> safely(request, this::home));
    route("GET /u/{userId}/skin", request -> safely(request, this::skinEditor));
    route("GET /p/{postId}", request -> safely(request, this::post));
    route("GET /sign-in", request -> safely(request, this::signIn));
    route("GET /auth/callback", request -> safely(request, this::callback));
    route("GET /assets/{file}", this::asset);
    // Anything else under a blog or a post is a page too: a 404 page, not the gateway's JSON.
    route(
        "GET /u/{userId}/{rest+}",
        request -> safely(request, (r, page) -> noSuchPage(r, page, "userId")));
    route(
        "GET /p/{postId}/{rest+}",
        request -> safely(request, (r, page) -> noSuchPage(r, page, "postId")));
  }

  private Rendered noSuchPage(ApiRequest request, PageRequest page, String idParam) {
    request.pathParam(idParam); // a malformed id is a 400 here too, as on every route that reads it
    return errorPage(page, Problem.notFound("PAGE_NOT_FOUND", "No such page."));
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
        new MediaUrls(site.mediaBaseUrl()));
  }

  public Assets assets() {
    return assets;
  }

  /** One page's answer before the common headers: HTML, status, caching and extra CSP styles. */
  private record Rendered(
      int status, String html, HtmlResponses.Caching caching, Optional<String> style) {}

  @FunctionalInterface
  private interface PageRoute {
    Rendered render(ApiRequest request, PageRequest page);
  }

  private APIGatewayV2HTTPResponse safely(ApiRequest request, PageRoute route) {
    PageRequest page;
    Rendered rendered;
    try {
      page = pageRequest(request);
    } catch (PageRequest.UnknownLanguage e) {
      return respond(request, e.fallback(), errorPage(e.fallback(), e));
    }
    try {
      rendered = route.render(request, page);
    } catch (Problem problem) {
      rendered = errorPage(page, problem);
    }
    return respond(request, page, rendered);
  }

  private APIGatewayV2HTTPResponse respond(
      ApiRequest request, PageRequest page, Rendered rendered) {
    List<String> cookies = new ArrayList<>();
    page.langCookie(site.authMode() == SiteConfig.AuthMode.COGNITO).ifPresent(cookies::add);
    String referrer =
        request.routeKey().equals("GET /auth/callback")
            ? "no-referrer"
            : "strict-origin-when-cross-origin";
    return HtmlResponses.page(
        rendered.status(),
        rendered.html(),
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

  // ------------------------------------------------------------------ pages

  private Rendered home(ApiRequest request, PageRequest page) {
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
            home.profile().bio(),
            Optional.of(home.skinCss()),
            List.of("home.js"),
            Map.of("user-id", home.profile().userId()));
    String html = render("home.jte", pages.homePage(home, layout, m));
    return new Rendered(200, html, HtmlResponses.Caching.PUBLIC, Optional.of(home.skinCss()));
  }

  private Rendered post(ApiRequest request, PageRequest page) {
    Pages.PostData data = pages.post(request.pathParam("postId"));
    Messages m = page.messages();
    var summary = data.post().summary();
    PageModels.Layout layout =
        layout(
            page,
            summary.title(),
            summary.summary(),
            Optional.empty(),
            List.of("post.js"),
            Map.of("post-id", summary.postId(), "author-id", summary.authorId()));
    return new Rendered(
        200,
        render("post.jte", pages.postPage(data, layout, m)),
        HtmlResponses.Caching.PUBLIC,
        Optional.empty());
  }

  private Rendered skinEditor(ApiRequest request, PageRequest page) {
    Pages.SkinData data = pages.skinEditor(request.pathParam("userId"));
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page,
            m.t("skin.title"),
            "",
            Optional.of(data.skinCss()),
            List.of("skin.js"),
            Map.of("user-id", data.owner().userId(), "home", data.owner().homeHref()));
    return new Rendered(
        200,
        render("skin.jte", pages.skinEditorPage(data, layout, m)),
        HtmlResponses.Caching.NO_STORE,
        Optional.of(data.skinCss()));
  }

  private Rendered signIn(ApiRequest request, PageRequest page) {
    Messages m = page.messages();
    Map<String, String> data = new LinkedHashMap<>(authData());
    data.put("return", safeReturn(page.param("return")));
    PageModels.Layout layout =
        layout(page, m.t("signin.title"), "", Optional.empty(), List.of("signin.js"), data);
    return new Rendered(
        200,
        render(
            "auth.jte",
            new PageModels.AuthPage(layout, m.t("signin.title"), m.t("signin.redirecting"))),
        HtmlResponses.Caching.NO_STORE,
        Optional.empty());
  }

  private Rendered callback(ApiRequest request, PageRequest page) {
    Messages m = page.messages();
    PageModels.Layout layout =
        layout(
            page, m.t("callback.title"), "", Optional.empty(), List.of("callback.js"), authData());
    return new Rendered(
        200,
        render(
            "auth.jte",
            new PageModels.AuthPage(layout, m.t("callback.title"), m.t("callback.working"))),
        HtmlResponses.Caching.NO_STORE,
        Optional.empty());
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
                        errorPage(page, Problem.notFound("ASSET_NOT_FOUND", "No such file."))));
  }

  // ------------------------------------------------------------------ parts

  /**
   * What the sign-in scripts need. The mode decides which code path the callback runs: only a page
   * rendered in local mode takes a token from the URL fragment.
   */
  private Map<String, String> authData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("auth-mode", site.authMode() == SiteConfig.AuthMode.LOCAL ? "local" : "cognito");
    site.cognitoDomain().ifPresent(d -> data.put("cognito-domain", d));
    site.cognitoClientId().ifPresent(c -> data.put("client-id", c));
    site.siteUrl()
        .ifPresent(u -> data.put("redirect-uri", u.replaceAll("/+$", "") + "/auth/callback"));
    return data;
  }

  /** A path on this site to come back to; anything else (another origin, {@code //x}) goes home. */
  static String safeReturn(Optional<String> value) {
    String v = value.orElse("/");
    if (!v.startsWith("/")
        || v.startsWith("//")
        || v.startsWith("/\\")
        || v.length() > 2000
        || v.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      return "/";
    }
    return v;
  }

  private Rendered errorPage(PageRequest page, Problem problem) {
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
        layout(page, m.t("error.title", status), "", Optional.empty(), List.of(), Map.of());
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
      Map<String, String> data) {
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
        data);
  }

  private String render(String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    templates.render(template, model, out);
    return out.toString();
  }

  /**
   * The policy: scripts and stylesheets from this origin only, the skin's one {@code <style>} by
   * its hash, images from here, the media CDN and https, requests to this origin (the API), the
   * bucket (presigned PUTs) and the Cognito token endpoint.
   */
  String csp(Optional<String> style) {
    String media = site.mediaOrigin().map(o -> " " + o).orElse("");
    String cognito =
        site.authMode() == SiteConfig.AuthMode.COGNITO
            ? site.cognitoDomain().map(d -> " " + d).orElse("")
            : "";
    return "default-src 'none'; script-src 'self'; style-src 'self'"
        + style.map(s -> " " + HtmlResponses.styleHash(s)).orElse("")
        + "; img-src 'self' https:"
        + media
        + "; connect-src 'self' "
        + site.uploadOrigin()
        + cognito
        + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }
}
