package bloghome.bench;

import bloghome.local.SamTemplate;
import bloghome.system.DemoBlog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The home page's weight: the demo blog seeded through the API, its home page fetched through the
 * gateway as a browser would (no compression asked for), then every stylesheet and script it
 * references, and the modules and stylesheets those import; HTML + CSS + JS bytes against the
 * budget of issue 11 (images aside). What a page, a stylesheet or a module references is read by
 * {@link AssetReferences}.
 */
final class PageWeight {
  /** 100 KB, read strictly as 100,000 bytes (also under 100 KiB). */
  static final long BUDGET = 100_000;

  private static final String BUDGET_TEXT = "100,000 B";

  /** One fetched resource. */
  record Resource(URI uri, String kind, long bytes, int status, String contentEncoding) {}

  /** The page and what it pulls in. */
  record Weight(URI page, int status, long htmlBytes, List<Resource> assets) {
    long bytes(String kind) {
      return assets.stream().filter(r -> r.kind().equals(kind)).mapToLong(Resource::bytes).sum();
    }

    long count(String kind) {
      return assets.stream().filter(r -> r.kind().equals(kind)).count();
    }

    long total() {
      return htmlBytes + bytes("css") + bytes("js");
    }

    boolean withinBudget() {
      return total() <= BUDGET;
    }

    List<Resource> failed() {
      return assets.stream().filter(r -> r.status() != 200).toList();
    }
  }

  private final Bench bench;

  PageWeight(Bench bench) {
    this.bench = bench;
  }

  void run() throws IOException, InterruptedException {
    var table =
        bench.report.table(
            "Home page weight",
            """
        The demo blog of `bin/run-local` (45 posts, comments, skin colours; its images are left
        out, as the budget leaves images aside) seeded through the API, then its home page fetched
        through the gateway without `Accept-Encoding`, and every stylesheet and script it
        references (with the stylesheets and modules those import). Bytes as served, uncompressed.
        Budget (issue 11): HTML + CSS + JS <= 100 KB, read as %,d bytes.
        """
                .formatted(BUDGET),
            "page",
            "status",
            "HTML",
            "CSS (files)",
            "JS (files)",
            "total",
            "budget",
            "verdict");
    Optional<String> route = homeRoute(bench.stack.template());
    if (route.isEmpty()) {
      bench.report.note(
          "Page weight not measured: no function serves a home page route (GET /u/{userId}).");
      return;
    }
    Optional<Bench.Fn> fn = bench.functionFor(route.get());
    if (fn.isEmpty() || !fn.get().inProcess()) {
      bench.report.note(
          "Page weight not measured: the function of "
              + route.get()
              + " cannot run in process"
              + fn.map(f -> " (" + f.handlerProblem() + ")").orElse("")
              + ".");
      return;
    }
    URI api = bench.gateway().url();
    DemoBlog.Seeded seeded = new DemoBlog(api, bench.tokens, Clock.systemUTC()).seed(false);
    System.out.println("bench: demo blog seeded for the page weight: " + seeded.describe());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Weight weight = measure(http, DemoBlog.homePage(api));
    String page = "`" + weight.page().getPath() + "`";
    if (weight.status() != 200) {
      table.row(
          page,
          weight.status(),
          "",
          "",
          "",
          "",
          BUDGET_TEXT,
          "not measured: the page answered " + weight.status());
      return;
    }
    String verdict =
        weight.withinBudget() ? "met" : "missed by " + Report.bytes(weight.total() - BUDGET);
    table.row(
        page,
        weight.status(),
        Report.bytes(weight.htmlBytes()),
        Report.bytes(weight.bytes("css")) + " (" + weight.count("css") + ")",
        Report.bytes(weight.bytes("js")) + " (" + weight.count("js") + ")",
        Report.bytes(weight.total()),
        BUDGET_TEXT,
        verdict);
    if (!weight.assets().isEmpty()) {
      table.note(
          "Fetched: "
              + String.join(
                  "; ",
                  weight.assets().stream()
                      .map(
                          r ->
                              "`"
                                  + r.uri().getPath()
                                  + "` "
                                  + r.kind()
                                  + " "
                                  + Report.bytes(r.bytes())
                                  + (r.status() == 200 ? "" : " (answered " + r.status() + ")"))
                      .toList())
              + ".");
    }
    for (Resource r : weight.failed()) {
      bench.report.note("Page weight: " + r.uri().getPath() + " answered " + r.status() + ".");
    }
    if (weight.assets().stream().anyMatch(r -> !r.contentEncoding().isEmpty())) {
      bench.report.note(
          "Page weight: an asset came compressed although none was asked for; its bytes are as received.");
    }
    bench.report.figure(
        new Report.Figure(
            "weight",
            "home page",
            "html_css_js",
            Long.toString(weight.total()),
            "bytes",
            1,
            "",
            "",
            "<=" + BUDGET + " bytes",
            verdict));
    bench.report.figure(
        Report.Figure.plain(
            "weight", "home page", "html", Long.toString(weight.htmlBytes()), "bytes", 1));
    bench.report.figure(
        Report.Figure.plain(
            "weight", "home page", "css", Long.toString(weight.bytes("css")), "bytes", 1));
    bench.report.figure(
        Report.Figure.plain(
            "weight", "home page", "js", Long.toString(weight.bytes("js")), "bytes", 1));
  }

  /** The template's home page route: a GET route whose path is {@code /u/{...}}. */
  static Optional<String> homeRoute(SamTemplate template) {
    return template.functions().stream()
        .flatMap(f -> f.routes().stream())
        .filter(r -> r.method().equals("GET") && r.path().matches("/u/\\{[^/}+]+}"))
        .map(SamTemplate.HttpRoute::routeKey)
        .findFirst();
  }

  /** Fetches {@code page} and everything it pulls in (each resource once). */
  static Weight measure(HttpClient http, URI page) throws IOException, InterruptedException {
    HttpResponse<byte[]> html = get(http, page, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    if (html.statusCode() != 200) {
      return new Weight(page, html.statusCode(), html.body().length, List.of());
    }
    Deque<URI> css = new ArrayDeque<>();
    Deque<URI> js = new ArrayDeque<>();
    for (AssetReferences.Reference ref :
        AssetReferences.references(new String(html.body(), StandardCharsets.UTF_8), page)) {
      (ref.kind().equals("css") ? css : js).add(ref.uri());
    }
    Set<URI> seen = new LinkedHashSet<>();
    List<Resource> assets = new ArrayList<>();
    while (!css.isEmpty() || !js.isEmpty()) {
      boolean isCss = !css.isEmpty();
      URI uri = isCss ? css.poll() : js.poll();
      if (!seen.add(uri)) {
        continue;
      }
      HttpResponse<byte[]> response = get(http, uri, isCss ? "text/css,*/*;q=0.1" : "*/*");
      String encoding = response.headers().firstValue("content-encoding").orElse("");
      assets.add(
          new Resource(
              uri, isCss ? "css" : "js", response.body().length, response.statusCode(), encoding));
      if (response.statusCode() == 200) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        (isCss ? css : js)
            .addAll(
                isCss
                    ? AssetReferences.cssImports(text, uri)
                    : AssetReferences.jsImports(text, uri));
      }
    }
    return new Weight(page, 200, html.body().length, List.copyOf(assets));
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI uri, String accept)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("accept", accept)
            .header("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
