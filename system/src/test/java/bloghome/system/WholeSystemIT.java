package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system as its users meet it: every function of template.yaml built with its production
 * constructor, on the local stack, called over HTTP through the gateway.
 */
class WholeSystemIT {
  private static RunningSystem system;
  private static Http http;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("e2e", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
    alice = system.tokens().mint("alice", List.of("vip"), Duration.ofMinutes(30));
    bob = system.tokens().mint("bob", List.of(), Duration.ofMinutes(30));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aBloggersHomePage_fromProfileToPostsStatsAndComments() {
    // given alice's profile and a post
    assertThat(
            http.send(
                    "PUT", "/users/alice", alice, Map.of("displayName", "Alice 陈", "bio", "Notes"))
                .status())
        .isEqualTo(200);
    Http.Reply created =
        http.send(
            "POST",
            "/users/alice/posts",
            alice,
            Map.of(
                "type",
                "original",
                "title",
                "Hello, 世界 <b>",
                "content",
                "# Hi\nMy **first** post 😀"),
            "idempotency-key",
            "e2e-first-post");
    assertThat(created.status()).isEqualTo(201);
    String postId = (String) created.json().get("postId");
    assertThat(created.raw().headers().firstValue("location")).hasValue("/posts/" + postId);
    // a retry of the same request creates nothing new
    assertThat(
            http.send(
                    "POST",
                    "/users/alice/posts",
                    alice,
                    Map.of(
                        "type",
                        "original",
                        "title",
                        "Hello, 世界 <b>",
                        "content",
                        "# Hi\nMy **first** post 😀"),
                    "idempotency-key",
                    "e2e-first-post")
                .json()
                .get("postId"))
        .isEqualTo(postId);

    // when visitors read, like, follow and comment
    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/views",
                    null,
                    null,
                    "user-agent",
                    firefox,
                    "x-forwarded-for",
                    "203.0.113.10")
                .json())
        .containsEntry("counted", true);
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/views",
                    null,
                    null,
                    "user-agent",
                    firefox,
                    "x-forwarded-for",
                    "203.0.113.10")
                .json())
        .containsEntry("counted", false);
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/views",
                    null,
                    null,
                    "user-agent",
                    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                .json())
        .containsEntry("counted", false);
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/views",
                    alice,
                    null,
                    "user-agent",
                    firefox,
                    "x-forwarded-for",
                    "203.0.113.99")
                .json())
        .containsEntry("counted", false);
    assertThat(http.send("PUT", "/posts/" + postId + "/like", bob, null).status()).isEqualTo(200);
    assertThat(http.send("PUT", "/posts/" + postId + "/like", bob, null).number("likes"))
        .isEqualTo(1);
    assertThat(http.send("PUT", "/users/alice/follow", bob, null).number("followers")).isEqualTo(1);
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + postId + "/comments",
                    bob,
                    Map.of("body", "<script>nice</script>"))
                .status())
        .isEqualTo(201);

    // then, once the views aggregator has applied the stream (seconds in AWS), the home page
    // shows the same numbers everywhere
    system.awaitSettled(Duration.ofSeconds(60));
    Http.Reply listing = http.send("GET", "/users/alice/posts", null, null);
    assertThat(listing.status()).isEqualTo(200);
    assertThat(listing.body()).doesNotContain("<b>").doesNotContain("<script>");
    assertThat(listing.number("total")).isEqualTo(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> item = ((List<Map<String, Object>>) listing.json().get("items")).get(0);
    assertThat(item)
        .containsEntry("postId", postId)
        .containsEntry("title", "Hello, 世界 <b>")
        .containsEntry("views", 1L)
        .containsEntry("likes", 1L)
        .containsEntry("comments", 1L);
    Map<String, Object> post = http.send("GET", "/posts/" + postId, null, null).json();
    assertThat(post)
        .containsEntry("views", 1L)
        .containsEntry("likes", 1L)
        .containsEntry("comments", 1L);
    Map<String, Object> profile = http.send("GET", "/users/alice", null, null).json();
    assertThat(profile)
        .containsEntry("posts", 1L)
        .containsEntry("views", 1L)
        .containsEntry("likes", 1L)
        .containsEntry("followers", 1L);
    String etag = listing.raw().headers().firstValue("etag").orElseThrow();
    assertThat(http.send("GET", "/users/alice/posts", null, null, "if-none-match", etag).status())
        .isEqualTo(304);
  }

  @Test
  void theListingByViews_followsTheViewsApplied_fromTheStream() {
    String carol = system.tokens().mint("carol", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/carol", carol, Map.of("displayName", "Carol")).status())
        .isEqualTo(200);
    String quiet =
        (String)
            http.send(
                    "POST",
                    "/users/carol/posts",
                    carol,
                    Map.of("type", "original", "title", "Quiet", "content", "q"))
                .json()
                .get("postId");
    String popular =
        (String)
            http.send(
                    "POST",
                    "/users/carol/posts",
                    carol,
                    Map.of("type", "original", "title", "Popular", "content", "p"))
                .json()
                .get("postId");
    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    for (int i = 0; i < 3; i++) {
      String target = i == 0 ? quiet : popular;
      assertThat(
              http.send(
                      "POST",
                      "/posts/" + target + "/views",
                      null,
                      null,
                      "user-agent",
                      firefox,
                      "x-forwarded-for",
                      "198.51.100." + (20 + i))
                  .json())
          .containsEntry("counted", true);
    }
    assertThat(
            http.send(
                    "POST",
                    "/posts/" + popular + "/views",
                    null,
                    null,
                    "user-agent",
                    firefox,
                    "x-forwarded-for",
                    "198.51.100.30")
                .json())
        .containsEntry("counted", true);

    system.awaitSettled(Duration.ofSeconds(60));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> byViews =
        (List<Map<String, Object>>)
            http.send("GET", "/users/carol/posts?sort=views", null, null).json().get("items");
    assertThat(byViews).extracting(i -> i.get("postId")).containsExactly(popular, quiet);
    assertThat(byViews).extracting(i -> i.get("views")).containsExactly(3L, 1L);
    assertThat(http.send("GET", "/posts/" + popular, null, null).json()).containsEntry("views", 3L);
    assertThat(http.send("GET", "/users/carol", null, null).json()).containsEntry("views", 4L);
  }

  @Test
  void ownersOnly_andTokensRequired() {
    String postId =
        (String)
            http.send(
                    "POST",
                    "/users/alice/posts",
                    alice,
                    Map.of("type", "original", "title", "Mine", "content", "text"))
                .json()
                .get("postId");

    assertThat(http.send("DELETE", "/posts/" + postId, bob, null).status()).isEqualTo(403);
    assertThat(http.send("DELETE", "/posts/" + postId, null, null).status()).isEqualTo(401);
    assertThat(http.send("PUT", "/users/alice/skin", bob, Map.of("titleColor", "#FFFFFF")).status())
        .isEqualTo(403);
    Http.Reply unknown = http.send("GET", "/no/such/route", null, null);
    assertThat(unknown.status()).isEqualTo(404);
    Http.Reply bad = http.send("GET", "/users/alice/posts?limit=0", null, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json()).containsKey("error");
  }

  @Test
  void aSkinImage_goesFromPresignedUploadThroughTheValidatorToAPublicUrl() throws Exception {
    byte[] column = png(300, 38);
    Http.Reply upload =
        http.send(
            "POST",
            "/users/alice/skin/uploads",
            alice,
            Map.of("slot", "column", "contentType", "image/png", "contentLength", column.length));
    assertThat(upload.status()).isEqualTo(201);
    Map<String, Object> ticket = upload.json();
    String uploadId = (String) ticket.get("uploadId");

    // the browser PUTs straight to S3 with the signed headers
    Http.Reply put =
        http.send("PUT", (String) ticket.get("url"), null, column, "content-type", "image/png");
    assertThat(put.status()).isEqualTo(200);
    system.stack().notifications().awaitIdle(30, TimeUnit.SECONDS);

    assertThat(http.send("GET", "/users/alice/skin/uploads/" + uploadId, alice, null).json())
        .containsEntry("status", "ACCEPTED");
    @SuppressWarnings("unchecked")
    Map<String, Object> columnImage =
        (Map<String, Object>)
            http.send("GET", "/users/alice/skin", null, null).json().get("column");
    assertThat(columnImage).containsEntry("width", 300L).containsEntry("height", 38L);
    Http.Reply served = http.send("GET", (String) columnImage.get("url"), null, null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(ImageIO.read(new ByteArrayInputStream(served.raw().body())).getWidth())
        .isEqualTo(300);
    // nothing under uploads/ is ever served
    assertThat(
            http.send("GET", "/_local/media/uploads/alice/column/" + uploadId, null, null).status())
        .isEqualTo(404);
  }

  private static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
