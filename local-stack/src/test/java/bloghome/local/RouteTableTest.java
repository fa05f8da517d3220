package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static LocalGateway.Binding route(String method, String path) {
    return new LocalGateway.Binding(
        new SamTemplate.HttpRoute(method, path, false), method + " " + path, null);
  }

  private static final RouteTable ROUTES =
      new RouteTable(
          List.of(
              route("GET", "/users/{userId}/posts"),
              // the parameter route first: the literal one must win by its score, not its place
              route("GET", "/users/{userId}/posts/{postId}"),
              route("GET", "/users/{userId}/posts/latest"),
              route("ANY", "/files/{path+}"),
              route("POST", "/users/{userId}/posts")));

  @Test
  void match_prefersTheRouteWithMoreLiteralSegments_overAPathParameter() {
    RouteTable.Match match = ROUTES.match("GET", "/users/ana/posts/latest");

    assertThat(match.binding().functionName()).isEqualTo("GET /users/{userId}/posts/latest");
    assertThat(match.pathParameters()).isEqualTo(Map.of("userId", "ana"));
  }

  @Test
  void match_decodesPathParameters_keepingAPlusAsAPlus() {
    RouteTable.Match match = ROUTES.match("GET", "/users/a%20b+c/posts/%E4%B8%AD");

    assertThat(match.pathParameters())
        .containsEntry("userId", "a b+c")
        .containsEntry("postId", "中");
  }

  @Test
  void match_givesTheGreedyParameterTheRestOfThePath_forAnyMethod() {
    RouteTable.Match match = ROUTES.match("DELETE", "/files/a/b/c.png");

    assertThat(match.pathParameters()).isEqualTo(Map.of("path", "a/b/c.png"));
  }

  @Test
  void match_findsNothing_forAnEmptySegment_aWrongMethod_orAnExtraSegment() {
    assertThat(ROUTES.match("GET", "/users//posts")).isNull();
    assertThat(ROUTES.match("PUT", "/users/ana/posts")).isNull();
    assertThat(ROUTES.match("GET", "/users/ana/posts/1/extra")).isNull();
  }

  @Test
  void match_picksTheRouteOfTheRequestMethod_whenTwoShareAPath() {
    assertThat(ROUTES.match("POST", "/users/ana/posts").binding().functionName())
        .isEqualTo("POST /users/{userId}/posts");
  }

  @Test
  void query_decodesAndJoinsRepeatedNamesWithCommas_keepingMalformedEscapesAsTheyAre() {
    assertThat(RouteTable.query("a=1&a=2&b=x+y&c&d=%zz&&"))
        .containsExactly(
            Map.entry("a", "1,2"),
            Map.entry("b", "x y"),
            Map.entry("c", ""),
            Map.entry("d", "%zz"));
    assertThat(RouteTable.query(null)).isEmpty();
  }
}
