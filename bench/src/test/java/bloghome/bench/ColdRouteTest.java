package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which request a function's cold start is measured on, including a page function without samples.
 */
class ColdRouteTest {
  private final EventCatalog events = new EventCatalog(Path.of("..", "events"));

  /**
   * A scratch copy of template.yaml with a page function added, as the pages branch will have it.
   */
  private static SamTemplate templateWithPageFunction(Path folder) throws IOException {
    String template = Files.readString(Path.of("..", "template.yaml"));
    String page =
        """
          PageFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/pages/target/lambda/pages.jar
              Handler: bloghome.pages.PageHandler::handleRequest
              Events:
                Asset:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref BlogApi
                    Method: GET
                    Path: /assets/{name}
                    Auth:
                      Authorizer: NONE
                PostPage:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref BlogApi
                    Method: GET
                    Path: /p/{postId}
                    Auth:
                      Authorizer: NONE
                HomePage:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref BlogApi
                    Method: GET
                    Path: /u/{userId}
                    Auth:
                      Authorizer: NONE
                SkinEditor:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref BlogApi
                    Method: GET
                    Path: /u/{userId}/skin

        """;
    String marker = "  ListingFunction:\n";
    assertThat(template).contains(marker);
    Path copy = folder.resolve("template.yaml");
    Files.writeString(copy, template.replace(marker, page + marker));
    return SamTemplate.load(copy);
  }

  @Test
  void pageFunction_isMeasuredOnItsHomePage_withAnEventDerivedFromAPublicGetSample(
      @TempDir Path folder) throws IOException {
    SamTemplate template = templateWithPageFunction(folder);
    SamTemplate.FunctionDef pages =
        template.functions().stream()
            .filter(f -> f.logicalId().equals("PageFunction"))
            .findFirst()
            .orElseThrow();

    assertThat(ColdStart.coldRoute(pages.routes(), events)).hasValue("GET /u/{userId}");
    assertThat(PageWeight.homeRoute(template)).hasValue("GET /u/{userId}");
  }

  @Test
  void functionsWithSamples_keepTheirPreferredRoute() {
    SamTemplate template = SamTemplate.load(Path.of("..", "template.yaml"));
    SamTemplate.FunctionDef listing =
        template.functions().stream()
            .filter(f -> f.logicalId().equals("ListingFunction"))
            .findFirst()
            .orElseThrow();

    assertThat(ColdStart.coldRoute(listing.routes(), events)).hasValue("GET /users/{userId}/posts");
  }

  @Test
  void aProtectedRouteWithoutSample_getsNoDerivedEvent() {
    var routes =
        List.of(
            new SamTemplate.HttpRoute("GET", "/u/{userId}/skin", true),
            new SamTemplate.HttpRoute("POST", "/u/{userId}/things", false));

    assertThat(ColdStart.coldRoute(routes, events)).isEmpty();
  }

  @Test
  void aPageRouteOutsideThePreferredOnes_isStillMeasured() {
    var routes = List.of(new SamTemplate.HttpRoute("GET", "/about", false));

    assertThat(ColdStart.coldRoute(routes, events)).hasValue("GET /about");
  }
}
