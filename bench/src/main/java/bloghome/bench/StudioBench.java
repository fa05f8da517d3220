package bloghome.bench;

import bloghome.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The studio's figures (issue 19): the weight of the editor's pages ({@code /write} and {@code
 * /p/{postId}/edit}: HTML + CSS + JS as a browser fetches them, read as {@link PageWeight} reads
 * the home page) and the latency of the editor's preview ({@code POST /studio/preview}) for a post
 * of about 100 KB, warm, through the local gateway with an author's token.
 */
final class StudioBench {
  /** The preview's post: about 100 KB of Markdown (the limit is 200 KB). */
  static final int PREVIEW_BYTES = 100_000;

  static final int PREVIEW_WARM_UP = 20;
  static final int PREVIEW_CALLS = 200;

  private final Bench bench;
  private final String postId;

  StudioBench(Bench bench, String postId) {
    this.bench = bench;
    this.postId = postId;
  }

  void run() throws IOException, InterruptedException {
    if (bench.functionFor("POST /studio/preview").isEmpty()) {
      bench.report.note("Studio not measured: no function serves POST /studio/preview.");
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    weights(http);
    preview(http);
  }

  private void weights(HttpClient http) throws IOException, InterruptedException {
    var table =
        bench.report.table(
            "Studio: editor page weight",
            """
            The editor's pages as a browser fetches them through the gateway, without
            `Accept-Encoding`: the page shell (the same for every caller; the script fills it
            from the API) and every stylesheet and script it references, with the modules those
            import. Bytes as served, uncompressed. Issue 19 states no budget for the studio; the reader pages'
            100 KB (issue 11) is shown beside it.
            """,
            "page",
            "status",
            "HTML",
            "CSS (files)",
            "JS (files)",
            "total",
            "reader-page budget",
            "verdict");
    URI api = bench.gateway().url();
    for (String path : List.of("/write", "/p/" + postId + "/edit")) {
      PageWeight.Weight weight = PageWeight.measure(http, api.resolve(path));
      String page = "`" + (path.startsWith("/p/") ? "/p/{postId}/edit" : path) + "`";
      if (weight.status() != 200) {
        table.row(page, weight.status(), "", "", "", "", "100,000 B", "not measured");
        continue;
      }
      String verdict =
          weight.withinBudget()
              ? "within"
              : "over by " + Report.bytes(weight.total() - PageWeight.BUDGET);
      table.row(
          page,
          weight.status(),
          Report.bytes(weight.htmlBytes()),
          Report.bytes(weight.bytes("css")) + " (" + weight.count("css") + ")",
          Report.bytes(weight.bytes("js")) + " (" + weight.count("js") + ")",
          Report.bytes(weight.total()),
          "100,000 B",
          verdict);
      table.note(
          page
              + " fetched: "
              + String.join(
                  "; ",
                  weight.assets().stream()
                      .map(
                          r ->
                              "`"
                                  + r.uri().getPath()
                                  + "` "
                                  + Report.bytes(r.bytes())
                                  + (r.status() == 200 ? "" : " (answered " + r.status() + ")"))
                      .toList())
              + ".");
      String subject = path.startsWith("/p/") ? "edit page" : "write page";
      bench.report.figure(
          Report.Figure.plain(
              "studio", subject, "html_css_js", Long.toString(weight.total()), "bytes", 1));
    }
  }

  private void preview(HttpClient http) throws IOException, InterruptedException {
    String content = post(PREVIEW_BYTES);
    byte[] body = Json.write(Map.of("content", content)).getBytes(StandardCharsets.UTF_8);
    String token = bench.tokens.mint("alice", List.of("vip"), Duration.ofHours(1));
    URI uri = bench.gateway().url().resolve("/studio/preview");
    Samples samples = new Samples();
    long htmlBytes = 0;
    int failures = 0;
    for (int i = 0; i < PREVIEW_WARM_UP + PREVIEW_CALLS; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("authorization", "Bearer " + token)
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - t0;
      if (response.statusCode() != 200) {
        failures++;
        continue;
      }
      htmlBytes = response.body().length;
      if (i >= PREVIEW_WARM_UP) {
        samples.add(took);
      }
    }
    var table =
        bench.report.table(
            "Studio: preview latency",
            """
            `POST /studio/preview` through the local gateway (loopback HTTP, PageFunction's
            handler in the harness's JVM, an author's token checked by the gateway's JWT
            authorizer) with a generated post of about 100 KB of Markdown (Chinese and English
            paragraphs, headings, lists, links, code blocks; the limit is 200 KB), after %d
            warm-up calls, %d measured calls one after another. The answer is the post page's
            HTML for that content, in JSON. Issue 19 states no target.
            """
                .formatted(PREVIEW_WARM_UP, PREVIEW_CALLS),
            "post",
            "request body",
            "answer",
            "calls (failed)",
            "p50",
            "p99",
            "max");
    if (samples.size() == 0) {
      table.row(
          Report.bytes(content.getBytes(StandardCharsets.UTF_8).length) + " of Markdown",
          Report.bytes(body.length),
          "",
          "0 (" + failures + ")",
          "n/a",
          "n/a",
          "n/a");
      bench.report.note("Studio preview: every call failed.");
      return;
    }
    table.row(
        Report.bytes(content.getBytes(StandardCharsets.UTF_8).length) + " of Markdown",
        Report.bytes(body.length),
        Report.bytes(htmlBytes),
        samples.size() + " (" + failures + ")",
        Report.ms(samples.median()) + " ms",
        Report.ms(samples.percentile(99)) + " ms",
        Report.ms(samples.percentile(100)) + " ms");
    bench.report.figure(
        Report.Figure.plain(
            "studio", "preview 100 KB", "p50", Report.ms(samples.median()), "ms", samples.size()));
    bench.report.figure(
        Report.Figure.plain(
            "studio",
            "preview 100 KB",
            "p99",
            Report.ms(samples.percentile(99)),
            "ms",
            samples.size()));
  }

  /** A post of at least {@code bytes} UTF-8 bytes, the same every run. */
  static String post(int bytes) {
    StringBuilder md = new StringBuilder();
    int section = 0;
    while (md.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
      section++;
      md.append("## 第 ").append(section).append(" 节：Serverless 与 Java 的实践 ").append(section);
      md.append("\n\n");
      md.append(
          "在把服务迁移到 AWS Lambda 的过程中，我们记录了冷启动、内存和并发的变化。"
              + "下面的例子来自真实项目，数字都可以复现。It is written for readers who know Java"
              + " and want **numbers**, not slogans; see [the docs](https://docs.aws.amazon.com/lambda/)"
              + " and `SnapStart` for details.\n\n");
      md.append("- 先测量，再优化；\n- 每次只改一个变量；\n- 把结论写成测试 (`p99`)。\n\n");
      md.append("```java\n")
          .append("record Post(String id, String title) {\n")
          .append("  static Post of(String id) { return new Post(id, \"section ")
          .append(section)
          .append("\"); }\n}\n```\n\n");
      md.append("> 引用：性能优化的第一步永远是测量。 Measure first.\n\n");
    }
    return md.toString();
  }
}
