package bloghome.pages.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.pages.SiteConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The studio's pages are static shells (no storage read: the client below points nowhere) and its
 * preview is the post page's renderer behind the token.
 */
class StudioPagesTest {
  private static final PageHandler handler =
      new PageHandler(
          DynamoDbClient.builder()
              .region(Region.US_EAST_1)
              .endpointOverride(URI.create("http://127.0.0.1:9"))
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
              .build(),
          "NoTable",
          "studio-test-cursor-key-0123456789abcdef",
          new SiteConfig("/", "http://127.0.0.1:9", Optional.empty(), Optional.empty()));

  @Test
  void theWritePage_isANoStoreShell_withItsScriptStringsAndLimits_andNoInlineScript() {
    APIGatewayV2HTTPResponse page = get("GET /write", "/write", Map.of(), Map.of());

    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getHeaders())
        .containsEntry("cache-control", "no-store")
        .doesNotContainKey("etag");
    assertThat(page.getHeaders().get("content-security-policy"))
        .contains("script-src 'self';")
        .doesNotContain("unsafe");
    assertThat(page.getBody())
        .contains("<html lang=\"zh-CN\"")
        .containsPattern("<script type=\"module\" src=\"/assets/write\\.[0-9a-f]+\\.js\"></script>")
        .doesNotContain("<script>")
        .contains("<meta name=\"bh:content-max-bytes\" content=\"204800\">")
        .contains("<meta name=\"bh:categories-max\" content=\"3\">")
        .contains("最大 200 KB")
        .contains("最多 3 个")
        .contains("data-k=\"savedAt\"")
        .doesNotContain("data-k=\"tr.")
        .doesNotContain("bh:post-id");
  }

  @Test
  void theEditPage_carriesThePostId_andAMalformedIdIsA400Page() {
    APIGatewayV2HTTPResponse page =
        get("GET /p/{postId}/edit", "/p/p_abc/edit", Map.of("postId", "p_abc"), Map.of());
    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getBody()).contains("<meta name=\"bh:post-id\" content=\"p_abc\">");

    APIGatewayV2HTTPResponse bad =
        get("GET /p/{postId}/edit", "/p/a%20b/edit", Map.of("postId", "a b"), Map.of());
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(bad.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8");
  }

  @Test
  void theManageAndProfilePages_speakEnglishWhenAsked_andAreNeverStored() {
    for (String path : new String[] {"/studio", "/studio/profile"}) {
      APIGatewayV2HTTPResponse page = get("GET " + path, path, Map.of(), Map.of("lang", "en"));
      assertThat(page.getStatusCode()).as(path).isEqualTo(200);
      assertThat(page.getHeaders()).containsEntry("cache-control", "no-store");
      assertThat(page.getBody())
          .contains("<html lang=\"en\"")
          .contains("Please sign in: the studio is open to the blog owner only.");
    }
  }

  @Test
  void theProfilePage_hasALabelledAvatarPicker_aRemoveButton_andTheAvatarSentences() {
    APIGatewayV2HTTPResponse page =
        get("GET /studio/profile", "/studio/profile", Map.of(), Map.of("lang", "en"));
    assertThat(page.getBody())
        .contains("<label class=\"field\" for=\"avatar-file\">Avatar</label>")
        .contains(
            "<input id=\"avatar-file\" type=\"file\" accept=\"image/png,image/jpeg\""
                + " aria-describedby=\"avatar-rule\">")
        .contains("<button type=\"button\" id=\"avatar-remove\" hidden>Remove the avatar</button>")
        .contains("<span data-k=\"avatarRejected\">The avatar was not used: {0}</span>")
        .contains("<span data-k=\"image.TOO_LARGE\">");
  }

  /** Lighthouse's SEO audit asks every page for a meta description, noindex pages included. */
  @Test
  void studioPages_andErrorPages_haveAMetaDescription_andAreNotIndexed() {
    for (String path :
        new String[] {
          "/write", "/studio", "/studio/profile", "/studio/import", "/studio/favorites"
        }) {
      APIGatewayV2HTTPResponse page = get("GET " + path, path, Map.of(), Map.of());
      assertThat(page.getBody())
          .as(path)
          .contains("<meta name=\"description\" content=\"写作中心：")
          .contains("<meta name=\"robots\" content=\"noindex\">");
    }
    APIGatewayV2HTTPResponse bad =
        get("GET /p/{postId}/edit", "/p/a%20b/edit", Map.of("postId", "a b"), Map.of());
    assertThat(bad.getBody())
        .containsPattern("<meta name=\"description\" content=\"[^\"]+\">")
        .contains("<meta name=\"robots\" content=\"noindex\">");
  }

  @Test
  void theImportPage_isANoStoreShell_withItsModulesAndSentences_linkedFromTheStudioNav() {
    APIGatewayV2HTTPResponse page = get("GET /studio/import", "/studio/import", Map.of(), Map.of());

    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getHeaders()).containsEntry("cache-control", "no-store");
    assertThat(page.getBody())
        .containsPattern(
            "<script type=\"module\" src=\"/assets/import\\.[0-9a-f]+\\.js\"></script>")
        .doesNotContain("<script>")
        .contains("<a href=\"/studio/import\">导入与导出</a>")
        .contains("id=\"import-files\"")
        .contains("data-k=\"tr.err.broken\"")
        .contains("<meta name=\"bh:content-max-bytes\" content=\"204800\">");
    APIGatewayV2HTTPResponse en =
        get("GET /studio/import", "/studio/import", Map.of(), Map.of("lang", "en"));
    assertThat(en.getBody())
        .contains("Please sign in: the studio is open to the blog owner only.")
        .contains("This zip is damaged and cannot be read; nothing in it was imported.");
  }

  @Test
  void theFavoritesPage_isANoStoreShell_withItsModuleAndSentences_linkedFromTheStudioNav() {
    APIGatewayV2HTTPResponse page =
        get("GET /studio/favorites", "/studio/favorites", Map.of(), Map.of());

    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getHeaders()).containsEntry("cache-control", "no-store");
    assertThat(page.getBody())
        .containsPattern(
            "<script type=\"module\" src=\"/assets/favorites\\.[0-9a-f]+\\.js\"></script>")
        .doesNotContain("<script>")
        .contains("<li class=\"current\"><a href=\"/studio/favorites\">我的收藏</a></li>")
        .contains("id=\"favorites\"")
        .contains("data-k=\"fav.removeNamed\"");
    APIGatewayV2HTTPResponse en =
        get("GET /studio/favorites", "/studio/favorites", Map.of(), Map.of("lang", "en"));
    assertThat(en.getBody()).contains("Posts I saved").contains(">Unsave “{0}”<");
  }

  @Test
  void otherMethodsOnAStudioPage_get405() {
    APIGatewayV2HTTPEvent event = event("ANY /studio", "/studio", Map.of(), Map.of(), null, null);
    event.getRequestContext().getHttp().setMethod("POST");
    APIGatewayV2HTTPResponse page = handler.handleRequest(event, null);
    assertThat(page.getStatusCode()).isEqualTo(405);
    assertThat(page.getHeaders()).containsEntry("allow", "GET, HEAD");
  }

  @Test
  void thePreview_isThePostPagesRendering_escapedAndSanitised() {
    String content = "# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert) **b**";
    APIGatewayV2HTTPResponse res = preview("alice", Json.write(Map.of("content", content)));

    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(res.getHeaders()).containsEntry("cache-control", "no-store");
    String html = (String) JsonObject.parseBody(res.getBody()).asMap().get("html");
    assertThat(html)
        .contains("<h1 id=\"h-hi\">Hi</h1>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("<strong>b</strong>")
        .doesNotContain("javascript:")
        .doesNotContain("<script>");
  }

  @Test
  void thePreview_needsACaller_andRefusesContentOverThePostLimit_andUnknownFields() {
    assertThat(preview(null, "{\"content\":\"x\"}").getStatusCode()).isEqualTo(401);

    String big = Json.write(Map.of("content", "字".repeat(200 * 1024 / 3 + 1)));
    APIGatewayV2HTTPResponse tooBig = preview("alice", big);
    assertThat(tooBig.getStatusCode()).isEqualTo(413);
    assertThat(tooBig.getBody()).contains("\"field\":\"content\"");

    assertThat(preview("alice", "{\"content\":\"x\",\"other\":1}").getStatusCode()).isEqualTo(400);
  }

  private static APIGatewayV2HTTPResponse get(
      String routeKey, String path, Map<String, String> params, Map<String, String> query) {
    return handler.handleRequest(event(routeKey, path, params, query, null, null), null);
  }

  private static APIGatewayV2HTTPResponse preview(String caller, String body) {
    return handler.handleRequest(
        event("POST /studio/preview", "/studio/preview", Map.of(), Map.of(), caller, body), null);
  }

  private static APIGatewayV2HTTPEvent event(
      String routeKey,
      String path,
      Map<String, String> params,
      Map<String, String> query,
      String caller,
      String body) {
    var context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRouteKey(routeKey)
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(routeKey.substring(0, routeKey.indexOf(' ')))
                    .withPath(path)
                    .build());
    if (caller != null) {
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(
                  APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                      .builder()
                      .withClaims(Map.of("sub", caller))
                      .build())
              .build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withPathParameters(params)
        .withQueryStringParameters(new HashMap<>(query))
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(context.build())
        .build();
  }
}
