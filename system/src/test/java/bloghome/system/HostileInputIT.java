package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.ids.Ids;
import bloghome.local.LocalStack;
import bloghome.local.SamTemplate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of template.yaml, through the gateway, with the inputs of issue 10's hostile run: bad
 * ids in every path parameter, numbers that overflow, bodies of the wrong content type. The answers
 * must be the documented 4xx, never a 5xx.
 */
class HostileInputIT {
  /** The routes whose handlers read a JSON body. */
  private static final Set<String> JSON_ROUTES =
      Set.of(
          "PUT /users/{userId}",
          "POST /users/{userId}/posts",
          "PUT /posts/{postId}",
          "POST /users/{userId}/posts/import",
          "POST /posts/{postId}/comments",
          "PUT /users/{userId}/skin",
          "POST /users/{userId}/skin/uploads");

  /** A path parameter, including a greedy one such as {@code {rest+}}. */
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)\\+?}");

  private static RunningSystem system;
  private static Http http;
  private static String mallory;
  private static List<SamTemplate.HttpRoute> routes;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("hostile", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
    mallory = system.tokens().mint("mallory", List.of("vip"), Duration.ofMinutes(30));
    routes = new ArrayList<>();
    for (SamTemplate.FunctionDef function : system.stack().template().functions()) {
      // A page's ANY route serves HEAD (as its GET route) and refuses the rest: not an input.
      function.routes().stream().filter(r -> !r.method().equals("ANY")).forEach(routes::add);
    }
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  /**
   * The route's path with every parameter a well-formed id, except {@code bad} for {@code param}.
   */
  private static String path(SamTemplate.HttpRoute route, String param, String bad) {
    Matcher m = PARAM.matcher(route.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          name.equals(param)
              ? bad
              : switch (name) {
                case "postId" -> Ids.newId("p");
                case "commentId" -> Ids.newId("c");
                case "uploadId" -> Ids.newId("up");
                default -> "mallory";
              };
      m.appendReplacement(
          path,
          Matcher.quoteReplacement(
              URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(path);
    return path.toString();
  }

  @Test
  void everyTemplateRoute_isCovered() {
    assertThat(routes).hasSizeGreaterThanOrEqualTo(20);
    assertThat(routes.stream().map(SamTemplate.HttpRoute::routeKey)).containsAll(JSON_ROUTES);
  }

  @Test
  void badIdsInAnyPathParameter_are400NamingTheParameter_onEveryRoute() {
    String[] badIds = {
      "#",
      "a#b",
      "😀",
      "x".repeat(3000),
      " ",
      "a|b",
      "é",
      "p_" + "x".repeat(21) + "#",
      "x".repeat(129)
    };
    int checked = 0;
    for (SamTemplate.HttpRoute route : routes) {
      Matcher m = PARAM.matcher(route.path());
      while (m.find()) {
        String param = m.group(1);
        if (!param.endsWith("Id")) {
          continue; // an asset's file name or the rest of a page address: not an id (a 404 page
          // when unknown)
        }
        for (String bad : badIds) {
          String path = path(route, param, bad);
          Object body =
              route.method().equals("GET") || route.method().equals("DELETE") ? null : Map.of();
          Http.Reply reply = http.send(route.method(), path, mallory, body);
          String what =
              route.routeKey()
                  + " with "
                  + param
                  + "="
                  + (bad.length() > 20 ? bad.substring(0, 20) + "…" : bad);
          assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(400);
          if (reply.raw().headers().firstValue("content-type").orElse("").startsWith("text/html")) {
            // The page function answers people: an error page, not JSON.
            assertThat(reply.body()).as(what).contains("<html").doesNotContain("Exception");
          } else {
            assertThat(reply.json())
                .as(what)
                .extracting("error")
                .extracting("field")
                .isEqualTo(param);
          }
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void overflowingNumbers_areNever5xx_andA400OnEveryJsonRoute() {
    String[] numbers = {
      "1e9999999999", "1E-2147483649", "-1e2147483648", "1e1001", "0e99999999999"
    };
    for (SamTemplate.HttpRoute route : routes) {
      if (route.method().equals("GET") || route.method().equals("DELETE")) {
        continue;
      }
      for (String number : numbers) {
        String json =
            "{\"displayName\":\"a\",\"bio\":"
                + number
                + ",\"title\":"
                + number
                + ",\"body\":"
                + number
                + ",\"contentLength\":"
                + number
                + ",\"titleColor\":"
                + number
                + ",\"posts\":[{\"views\":"
                + number
                + "}]}";
        Http.Reply reply =
            http.send(
                route.method(),
                path(route, "", ""),
                mallory,
                json.getBytes(StandardCharsets.UTF_8),
                "content-type",
                "application/json");
        String what = route.routeKey() + " with " + number;
        assertThat(reply.status()).as(what + ": " + reply.body()).isLessThan(500);
        if (JSON_ROUTES.contains(route.routeKey())) {
          assertThat(reply.status()).as(what).isEqualTo(400);
          assertThat(reply.body()).as(what).contains("MALFORMED_JSON");
        }
      }
    }
  }

  @Test
  void bodiesThatAreNotApplicationJson_are415_onEveryJsonRoute() {
    for (SamTemplate.HttpRoute route : routes) {
      if (!JSON_ROUTES.contains(route.routeKey())) {
        continue;
      }
      for (String type :
          new String[] {
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            null
          }) {
        byte[] body = "{\"displayName\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        Http.Reply reply =
            type == null
                ? http.send(route.method(), path(route, "", ""), mallory, body)
                : http.send(
                    route.method(), path(route, "", ""), mallory, body, "content-type", type);
        assertThat(reply.status())
            .as(route.routeKey() + " " + type + ": " + reply.body())
            .isEqualTo(415);
        assertThat(reply.body()).contains("UNSUPPORTED_MEDIA_TYPE");
      }
      Http.Reply charset =
          http.send(
              route.method(),
              path(route, "", ""),
              mallory,
              "{}".getBytes(StandardCharsets.UTF_8),
              "content-type",
              "Application/JSON; charset=UTF-8");
      assertThat(charset.status())
          .as(route.routeKey() + " with a charset")
          .isNotEqualTo(415)
          .isLessThan(500);
    }
  }
}
