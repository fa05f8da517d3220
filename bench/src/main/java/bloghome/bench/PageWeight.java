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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The home page's weight: the demo blog seeded through the API, its home page fetched through the
 * gateway as a browser would (no compression asked for), then every stylesheet and script it
 * references, and the modules and stylesheets those import; HTML + CSS + JS bytes against the
 * budget of issue 11 (images aside).
 */
final class PageWeight {
  /** 100 KB, read strictly as 100,000 bytes (also under 100 KiB). */
  static final long BUDGET = 100_000;

  private static final String BUDGET_TEXT = "100,000 B";

  private static final Pattern TAG =
      Pattern.compile("<(link|script)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
  private static final Pattern CSS_IMPORT =
      Pattern.compile("@import\\s+(?:url\\(\\s*)?[\"']?([^\"')\\s;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern JS_IMPORT =
      Pattern.compile(
          "(?:\\bimport\\s*(?:[\\w*{}\\s,$]+\\s*from\\s*)?|\\bimport\\s*\\(\\s*)[\"']([^\"']+)[\"']");

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
        new Report.Figure(
            "weight",
            "home page",
            "html",
            Long.toString(weight.htmlBytes()),
            "bytes",
            1,
            "",
            "",
            "",
            ""));
    bench.report.figure(
        new Report.Figure(
            "weight",
            "home page",
            "css",
            Long.toString(weight.bytes("css")),
            "bytes",
            1,
            "",
            "",
            "",
            ""));
    bench.report.figure(
        new Report.Figure(
            "weight",
            "home page",
            "js",
            Long.toString(weight.bytes("js")),
            "bytes",
            1,
            "",
            "",
            "",
            ""));
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
    for (Reference ref : references(new String(html.body(), StandardCharsets.UTF_8), page)) {
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
        (isCss ? css : js).addAll(isCss ? cssImports(text, uri) : jsImports(text, uri));
      }
    }
    return new Weight(page, 200, html.body().length, List.copyOf(assets));
  }

  /** A stylesheet or script a page references. */
  record Reference(String kind, URI uri) {}

  /**
   * Stylesheets ({@code <link rel=stylesheet>}) and scripts ({@code <script src>}, {@code
   * modulepreload}) of a page.
   */
  static List<Reference> references(String html, URI base) {
    List<Reference> refs = new ArrayList<>();
    Matcher tag = TAG.matcher(withoutComments(html));
    while (tag.find()) {
      String name = tag.group(1).toLowerCase(Locale.ROOT);
      var attributes = attributes(tag.group(2));
      if (name.equals("script") && attributes.containsKey("src")) {
        refs.add(new Reference("js", resolve(base, attributes.get("src"))));
      } else if (name.equals("link") && attributes.containsKey("href")) {
        List<String> rel =
            List.of(attributes.getOrDefault("rel", "").toLowerCase(Locale.ROOT).split("\\s+"));
        if (rel.contains("stylesheet")) {
          refs.add(new Reference("css", resolve(base, attributes.get("href"))));
        } else if (rel.contains("modulepreload")
            || rel.contains("preload") && "script".equalsIgnoreCase(attributes.get("as"))) {
          refs.add(new Reference("js", resolve(base, attributes.get("href"))));
        }
      }
    }
    return refs;
  }

  static List<URI> cssImports(String css, URI base) {
    List<URI> out = new ArrayList<>();
    Matcher m = CSS_IMPORT.matcher(css);
    while (m.find()) {
      out.add(resolve(base, m.group(1)));
    }
    return out;
  }

  /**
   * Static and dynamic imports of relative or absolute module URLs (bare specifiers are not URLs:
   * left out).
   */
  static List<URI> jsImports(String js, URI base) {
    List<URI> out = new ArrayList<>();
    Matcher m = JS_IMPORT.matcher(js);
    while (m.find()) {
      String target = m.group(1);
      if (target.startsWith("/")
          || target.startsWith("./")
          || target.startsWith("../")
          || target.startsWith("http")) {
        out.add(resolve(base, target));
      }
    }
    return out;
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      out.put(m.group(1).toLowerCase(Locale.ROOT), value.replace("&amp;", "&"));
    }
    return out;
  }

  private static String withoutComments(String html) {
    return html.replaceAll("(?s)<!--.*?-->", "");
  }

  private static URI resolve(URI base, String reference) {
    return base.resolve(reference.strip());
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
