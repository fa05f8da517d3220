package bloghome.pages.api;

import bloghome.errors.Problem;
import bloghome.http.ApiRequest;
import bloghome.pages.Assets;
import bloghome.pages.Messages;
import bloghome.pages.PageModels;
import bloghome.pages.PageRequest;
import bloghome.pages.Pages;
import bloghome.pages.ReturnPath;
import bloghome.pages.SiteConfig;
import bloghome.pages.StudioPages;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
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
  record Rendered(int status, String html, HtmlResponses.Caching caching, Optional<String> style) {}

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
            home.profile().bio(),
            Optional.of(home.skinCss()),
            List.of("home.js"),
            Map.of("user-id", home.profile().userId()));
    String html = render("home.jte", pages.homePage(home, layout, m));
    return new Rendered(200, html, HtmlResponses.Caching.PUBLIC, Optional.of(home.skinCss()));
  }

  Rendered post(ApiRequest request, PageRequest page) {
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

  Rendered skinEditor(ApiRequest request, PageRequest page) {
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
    PageModels.Layout layout =
        layout(page, m.t(titleKey), "", Optional.empty(), List.of(script), data);
    return new Rendered(
        200,
        render(
            template,
            new PageModels.StudioPage(layout, StudioPages.scriptStrings(m), StudioPages.LIMITS)),
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
            Map.of("return", safeReturn(page.param("return"))));
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
        layout(page, m.t("callback.title"), "", Optional.empty(), List.of("callback.js"), Map.of());
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
        withAuthData(data));
  }

  private String render(String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    templates.render(template, model, out);
    return out.toString();
  }
}
