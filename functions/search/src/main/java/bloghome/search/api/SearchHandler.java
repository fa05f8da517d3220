package bloghome.search.api;

import bloghome.aws.DynamoDbClients;
import bloghome.aws.S3Clients;
import bloghome.config.Env;
import bloghome.errors.Problem;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.pages.Links;
import bloghome.pages.PageModels;
import bloghome.pages.Times;
import bloghome.pages.api.SearchPages;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.profiles.Profile;
import bloghome.profiles.ProfileStore;
import bloghome.profiles.UserIds;
import bloghome.search.Searching;
import bloghome.search.index.BlogIndex;
import bloghome.search.index.SearchHit;
import bloghome.search.index.SearchResults;
import bloghome.search.store.S3IndexStore;
import bloghome.time.Timestamps;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SearchFunction. {@code GET /users/{userId}/search?q=&page=} answers one page of a blog's posts
 * matching the query, best first, each with its title and a snippet as runs of text whose matched
 * runs are flagged ({@code [{"text":…,"hit":true}]}), so that no client has to trust HTML. {@code
 * GET /u/{userId}/search?q=&page=} is the same as a page, with the pages' layout ({@link
 * SearchPages}).
 */
public final class SearchHandler extends ApiHandler {
  /** Longest query read; the rest is ignored (SearchQuery reads at most 200 characters anyway). */
  static final int MAX_QUERY = 500;

  private final Searching searching;
  private final ProfileStore profiles;
  private final SearchPages pages = new SearchPages();

  /** Lambda's constructor: the clients built once per execution environment. */
  public SearchHandler() {
    this(
        new Searching(
            new S3IndexStore(S3Clients.fromEnvironment(), Env.require("BUCKET_NAME")),
            Path.of(System.getProperty("java.io.tmpdir"), "search")),
        new DynamoDbProfileStore(DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME")));
    primeBeforeSnapshot("search");
  }

  /**
   * Before the SnapStart snapshot: the usual read-only requests (unknown blogs: a profile GetItem
   * each, the 404 page rendered), and one search of a small in-memory index, which loads Lucene's
   * classes and smartcn's dictionaries (about 3.5 s in a fresh JVM, docs/search.md).
   */
  @Override
  public List<Integer> prime() {
    BlogIndex.warmUp();
    return super.prime();
  }

  public SearchHandler(Searching searching, ProfileStore profiles) {
    this.searching = searching;
    this.profiles = profiles;
    route("GET /users/{userId}/search", this::search);
    route("GET /u/{userId}/search", request -> pages.respond(request, new PageSource()));
  }

  private Profile profile(String userId) {
    if (!UserIds.isValid(userId)) {
      throw Problem.notFound("USER_NOT_FOUND", "No such user.");
    }
    return profiles
        .find(userId)
        .orElseThrow(() -> Problem.notFound("USER_NOT_FOUND", "No such user."));
  }

  private APIGatewayV2HTTPResponse search(ApiRequest request) {
    String userId = request.pathParam("userId");
    profile(userId);
    SearchResults results = searching.search(userId, query(request), page(request));
    return Responses.json(200, json(results));
  }

  private final class PageSource implements SearchPages.Source {
    @Override
    public String displayName(String userId) {
      return profile(userId).displayName();
    }

    @Override
    public SearchPages.Results search(String userId, String query, int page) {
      String bounded = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
      SearchResults results = searching.search(userId, bounded, page);
      return new SearchPages.Results(
          results.total(),
          results.hasNext(),
          results.hits().stream()
              .map(
                  hit ->
                      new PageModels.SearchRow(
                          Links.post(hit.postId()),
                          marks(hit.title()),
                          marks(hit.snippet()),
                          Times.show(hit.publishedAt())))
              .toList());
    }
  }

  private static List<PageModels.Mark> marks(List<SearchHit.Segment> segments) {
    return segments.stream().map(s -> new PageModels.Mark(s.text(), s.hit())).toList();
  }

  static String query(ApiRequest request) {
    String q = request.query("q").orElse("").strip();
    if (q.length() > MAX_QUERY) {
      throw Problem.invalid("QUERY_TOO_LONG", "q", "The query is too long.");
    }
    return q;
  }

  static int page(ApiRequest request) {
    String value = request.query("page").orElse("1");
    try {
      int page = Integer.parseInt(value);
      if (page < 1 || page > Searching.MAX_PAGE) {
        throw new NumberFormatException();
      }
      return page;
    } catch (NumberFormatException e) {
      throw Problem.invalid(
          "INVALID_PAGE", "page", "page must be a number from 1 to " + Searching.MAX_PAGE + ".");
    }
  }

  static Map<String, Object> json(SearchResults results) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", results.query());
    body.put("page", results.page());
    body.put("pageSize", results.pageSize());
    body.put("total", results.total());
    body.put("hasNext", results.hasNext());
    body.put(
        "results",
        results.hits().stream()
            .map(
                hit -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("postId", hit.postId());
                  m.put("title", segments(hit.title()));
                  m.put("snippet", segments(hit.snippet()));
                  m.put("tags", hit.tags());
                  m.put("publishedAt", Timestamps.format(hit.publishedAt()));
                  return m;
                })
            .toList());
    return body;
  }

  private static List<Map<String, Object>> segments(List<SearchHit.Segment> segments) {
    return segments.stream()
        .map(
            s -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("text", s.text());
              m.put("hit", s.hit());
              return m;
            })
        .toList();
  }
}
