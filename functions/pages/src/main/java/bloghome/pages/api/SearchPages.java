package bloghome.pages.api;

import bloghome.errors.Problem;
import bloghome.http.ApiRequest;
import bloghome.pages.Assets;
import bloghome.pages.Links;
import bloghome.pages.Messages;
import bloghome.pages.PageModels;
import bloghome.pages.PageRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search page of a blog, {@code /u/{userId}/search?q=&page=}, with this module's layout,
 * messages and assets, for SearchFunction: that function answers the page so that Lucene stays out
 * of the pages jar (docs/search.md). The page has no script (a GET form), and its CSP allows none.
 */
public final class SearchPages {
  /** Stricter than the other pages': no script, no connections. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** What the search function finds for the page. */
  public interface Source {
    /** The blog's display name; a {@link Problem} (404) when there is no such blog. */
    String displayName(String userId);

    Results search(String userId, String query, int page);
  }

  /** One page of results, as the page shows them. */
  public record Results(long total, boolean hasNext, List<PageModels.SearchRow> rows) {}

  private final Assets assets = Assets.load();
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  public APIGatewayV2HTTPResponse respond(ApiRequest request, Source source) {
    var event = request.event();
    String path = event.getRawPath() == null ? "/" : event.getRawPath();
    PageRequest page;
    try {
      page =
          PageRequest.of(
              path,
              event.getQueryStringParameters(),
              event.getCookies(),
              request.header("accept-language"));
    } catch (PageRequest.UnknownLanguage e) {
      return error(request, e.fallback(), "error.lang", 400);
    }
    String userId = request.pathParam("userId");
    Messages m = page.messages();
    String name;
    try {
      name = source.displayName(userId);
    } catch (Problem p) {
      return error(
          request,
          page,
          p.kind().status() == 404 ? "error.noUser" : "error.badRequest",
          p.kind().status());
    }
    String query = page.param("q").map(String::strip).orElse("");
    int number = pageNumber(page.param("page"));
    String action = Links.home(userId) + "/search";
    String count = "";
    List<PageModels.SearchRow> rows = List.of();
    String previous = null;
    String next = null;
    if (!query.isEmpty()) {
      Results results = source.search(userId, query, number);
      rows = results.rows();
      count =
          results.total() == 0 ? m.t("search.none", query) : m.t("search.count", results.total());
      if (number > 1) {
        previous = href(action, query, number - 1, page);
      }
      if (results.hasNext()) {
        next = href(action, query, number + 1, page);
      }
    }
    PageModels.Layout layout =
        new PageModels.Layout(
            m,
            assets,
            query.isEmpty() ? m.t("search.titleEmpty", name) : m.t("search.title", name, query),
            m.t("search.description", name),
            page.here(),
            page.otherLangHref(),
            page.signInHref(),
            Optional.empty(),
            List.of(),
            Map.of(),
            // Result pages are not for search engines (noindex), as other sites' search pages.
            PageModels.Seo.NONE);
    String html =
        render(
            "search.jte",
            new PageModels.SearchPage(
                layout,
                action,
                Links.home(userId),
                m.t("search.heading", name),
                query,
                count,
                rows,
                previous,
                next));
    return answer(request, page, 200, html);
  }

  /** The requested page: 1 when absent or not a number from 1 to 50. */
  static int pageNumber(Optional<String> value) {
    try {
      int n = Integer.parseInt(value.orElse("1"));
      return n >= 1 && n <= 50 ? n : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String href(String action, String query, int number, PageRequest page) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", query);
    params.put("page", Integer.toString(number));
    if (page.langChosen()) {
      params.put("lang", page.lang().tag());
    }
    return Links.withQuery(action, params);
  }

  private APIGatewayV2HTTPResponse error(
      ApiRequest request, PageRequest page, String key, int status) {
    Messages m = page.messages();
    PageModels.Layout layout =
        new PageModels.Layout(
            m,
            assets,
            m.t("error.title", status),
            m.t(key + ".text"),
            page.here(),
            page.otherLangHref(),
            page.signInHref(),
            Optional.empty(),
            List.of(),
            Map.of(),
            // Result pages are not for search engines (noindex), as other sites' search pages.
            PageModels.Seo.NONE);
    String html =
        render(
            "error.jte",
            new PageModels.ErrorPage(layout, status, m.t(key + ".heading"), m.t(key + ".text")));
    return answer(request, page, status, html);
  }

  private APIGatewayV2HTTPResponse answer(
      ApiRequest request, PageRequest page, int status, String html) {
    List<String> cookies = new ArrayList<>();
    page.langCookie(PageHandler.isHttps(request)).ifPresent(cookies::add);
    APIGatewayV2HTTPResponse response =
        HtmlResponses.page(
            status,
            html,
            HtmlResponses.HTML,
            CSP,
            HtmlResponses.Caching.PUBLIC,
            request.header("if-none-match"),
            cookies,
            "strict-origin-when-cross-origin");
    if (PageHandler.isHttps(request)) {
      response.getHeaders().put("strict-transport-security", PageHandler.HSTS);
    }
    return response;
  }

  private String render(String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    templates.render(template, model, out);
    return out.toString();
  }
}
