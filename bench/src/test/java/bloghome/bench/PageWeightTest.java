package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The home page weight: what a page references, and the bytes fetched for it. */
class PageWeightTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void references_findStylesheetsScriptsAndModulePreloads_butNotCommentedOutOnesOrIcons() {
    String html =
        """
        <!doctype html><html><head>
        <link rel="stylesheet" href="/assets/site.3f2a.css">
        <link rel='icon' href='/favicon.ico'>
        <link href=/assets/print.css rel="stylesheet" media="print">
        <link rel="modulepreload" href="/assets/beacon.9c1d.js">
        <link rel="preload" as="style" href="/assets/fonts.css">
        <!-- <script src="/assets/old.js"></script> -->
        <script type="module" src="/assets/app.77aa.js?v=1&amp;x=2"></script>
        <script>/* inline, not fetched */</script>
        </head><body><img src="/_local/media/skins/demo/header.png"></body></html>""";

    List<AssetReferences.Reference> refs =
        AssetReferences.references(html, URI.create("http://127.0.0.1:3000/u/demo"));

    assertThat(refs)
        .containsExactly(
            new AssetReferences.Reference(
                "css", URI.create("http://127.0.0.1:3000/assets/site.3f2a.css")),
            new AssetReferences.Reference(
                "css", URI.create("http://127.0.0.1:3000/assets/print.css")),
            new AssetReferences.Reference(
                "js", URI.create("http://127.0.0.1:3000/assets/beacon.9c1d.js")),
            new AssetReferences.Reference(
                "js", URI.create("http://127.0.0.1:3000/assets/app.77aa.js?v=1&x=2")));
  }

  @Test
  void imports_followRelativeAndAbsoluteUrls_notBareSpecifiers() {
    URI base = URI.create("http://h/assets/app.js");

    assertThat(
            AssetReferences.jsImports(
                """
        import { send } from './beacon.js';
        import "/assets/polyfill.js";
        import lit from 'lit';
        const later = () => import('../lazy/editor.js');
        """,
                base))
        .containsExactly(
            URI.create("http://h/assets/beacon.js"),
            URI.create("http://h/assets/polyfill.js"),
            URI.create("http://h/lazy/editor.js"));
    assertThat(
            AssetReferences.cssImports(
                "@import url(\"base.css\"); @import 'theme.css'; a{color:red}", base))
        .containsExactly(
            URI.create("http://h/assets/base.css"), URI.create("http://h/assets/theme.css"));
  }

  @Test
  void measure_addsTheHtmlAndEveryAssetOnce_andComparesWithTheBudget() throws Exception {
    Map<String, String> files =
        Map.of(
            "/u/demo",
                "<html><head><link rel=stylesheet href=/a/site.css><script type=module src=/a/app.js></script>"
                    + "<script type=module src=/a/app.js></script></head><body>博客</body></html>",
            "/a/site.css", "@import url(/a/base.css); body{margin:0}",
            "/a/base.css", "*{box-sizing:border-box}",
            "/a/app.js", "import './beacon.js'; import './missing.js';",
            "/a/beacon.js", "navigator.sendBeacon('/x');");
    URI page = serve(files).resolve("/u/demo");

    PageWeight.Weight weight = PageWeight.measure(HttpClient.newHttpClient(), page);

    assertThat(weight.status()).isEqualTo(200);
    assertThat(weight.htmlBytes())
        .isEqualTo(files.get("/u/demo").getBytes(StandardCharsets.UTF_8).length);
    assertThat(weight.count("css")).isEqualTo(2);
    assertThat(weight.bytes("css"))
        .isEqualTo(files.get("/a/site.css").length() + files.get("/a/base.css").length());
    assertThat(weight.count("js")).isEqualTo(3);
    assertThat(weight.failed()).extracting(r -> r.uri().getPath()).containsExactly("/a/missing.js");
    assertThat(weight.total())
        .isEqualTo(weight.htmlBytes() + weight.bytes("css") + weight.bytes("js"));
    assertThat(weight.withinBudget()).isTrue();
  }

  @Test
  void measure_reportsAPageOverTheBudget_andAMissingPage() throws Exception {
    Map<String, String> files =
        Map.of(
            "/u/big",
            "<html><head><script src=/big.js></script></head></html>",
            "/big.js",
            "x".repeat((int) PageWeight.BUDGET));
    URI base = serve(files);

    PageWeight.Weight big = PageWeight.measure(HttpClient.newHttpClient(), base.resolve("/u/big"));
    PageWeight.Weight missing =
        PageWeight.measure(HttpClient.newHttpClient(), base.resolve("/u/nobody"));

    assertThat(big.total()).isGreaterThan(PageWeight.BUDGET);
    assertThat(big.withinBudget()).isFalse();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.assets()).isEmpty();
  }

  private URI serve(Map<String, String> files) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body = files.get(exchange.getRequestURI().getPath());
          byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
