package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.FaultPlan;
import bloghome.local.FaultProxy;
import bloghome.local.LocalStack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every class of write, with the answer to its write lost once after DynamoDB (or S3) applied it:
 * the SDK retries, and the write must still take effect exactly once and the client get a normal
 * answer. Each test checks that the fault was really injected, so none passes by missing it.
 */
class LostAnswersIT {
  private static RunningSystem system;
  private static Http http;
  private static FaultProxy dynamoDb;
  private static FaultProxy s3;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("lost", 0, 0, 0, List.of(), FaultPlan.proxiesOnly(5)));
    http = new Http(system.apiUrl());
    dynamoDb = system.stack().dynamoDbFaults().orElseThrow();
    s3 = system.stack().s3Faults().orElseThrow();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static String token(String user) {
    return system
        .tokens()
        .mint(user, user.startsWith("vip") ? List.of("vip") : List.of(), Duration.ofMinutes(30));
  }

  /**
   * Runs {@code request} with the next {@code operation}'s answer lost, and checks the loss
   * happened.
   */
  private static Http.Reply losing(
      FaultProxy proxy, String operation, Supplier<Http.Reply> request) {
    long before = proxy.counts().get(FaultProxy.Outcome.LOST_AS_500);
    proxy.loseNext(operation, 1);
    Http.Reply reply = request.get();
    assertThat(proxy.counts().get(FaultProxy.Outcome.LOST_AS_500))
        .as("a lost answer was injected")
        .isEqualTo(before + 1);
    return reply;
  }

  private static void profile(String user) {
    assertThat(
            http.send("PUT", "/users/" + user, token(user), Map.of("displayName", user)).status())
        .isEqualTo(200);
  }

  private static String newPost(String author) {
    Http.Reply created =
        http.send(
            "POST",
            "/users/" + author + "/posts",
            token(author),
            Map.of("type", "original", "title", "A post", "content", "text"));
    assertThat(created.status()).isEqualTo(201);
    return (String) created.json().get("postId");
  }

  @Test
  void createPost_withItsAnswerLost_isCreatedOnce() {
    profile("ann");
    Http.Reply created =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () ->
                http.send(
                    "POST",
                    "/users/ann/posts",
                    token("ann"),
                    Map.of("type", "original", "title", "Once", "content", "text"),
                    "idempotency-key",
                    "lost-1"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(http.send("GET", "/users/ann", null, null).number("posts")).isEqualTo(1);
    assertThat(http.send("GET", "/users/ann/posts", null, null).number("total")).isEqualTo(1);
  }

  @Test
  void editAndDeletePost_withTheirAnswersLost_applyOnce() {
    profile("ben");
    String post = newPost("ben");

    Http.Reply edited =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () ->
                http.send(
                    "PUT",
                    "/posts/" + post,
                    token("ben"),
                    Map.of(
                        "type",
                        "repost",
                        "title",
                        "Edited",
                        "content",
                        "text",
                        "sourceUrl",
                        "https://example.org/a")));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(http.send("GET", "/users/ben/posts?type=repost", null, null).number("total"))
        .isEqualTo(1);
    assertThat(http.send("GET", "/users/ben/posts?type=original", null, null).number("total"))
        .isZero();

    Http.Reply deleted =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () -> http.send("DELETE", "/posts/" + post, token("ben"), null));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(http.send("GET", "/users/ben", null, null).number("posts")).isZero();
    assertThat(http.send("GET", "/users/ben/posts", null, null).number("total")).isZero();
  }

  @Test
  void importPosts_withAnAnswerLost_importsEachOnce() {
    profile("cay");
    Http.Reply imported =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () ->
                http.send(
                    "POST",
                    "/users/cay/posts/import",
                    token("cay"),
                    Map.of(
                        "posts",
                        List.of(
                            Map.of(
                                "sourceId",
                                "old-1",
                                "title",
                                "One",
                                "content",
                                "a",
                                "publishedAt",
                                "2023-06-14T08:30:00Z",
                                "views",
                                10,
                                "likes",
                                2),
                            Map.of(
                                "sourceId",
                                "old-2",
                                "title",
                                "Two",
                                "content",
                                "b",
                                "publishedAt",
                                "2023-06-15T08:30:00Z")))));

    assertThat(imported.status()).isEqualTo(200);
    Map<String, Object> profile = http.send("GET", "/users/cay", null, null).json();
    assertThat(profile)
        .containsEntry("posts", 2L)
        .containsEntry("views", 10L)
        .containsEntry("likes", 2L);
  }

  @Test
  void profileAndSkinColours_withTheirAnswersLost_areSaved() {
    assertThat(
            losing(
                    dynamoDb,
                    "UpdateItem",
                    () ->
                        http.send("PUT", "/users/dee", token("dee"), Map.of("displayName", "Dee")))
                .status())
        .isEqualTo(200);
    assertThat(http.send("GET", "/users/dee", null, null).json())
        .containsEntry("displayName", "Dee");

    assertThat(
            losing(
                    dynamoDb,
                    "UpdateItem",
                    () ->
                        http.send(
                            "PUT",
                            "/users/vipdee/skin",
                            token("vipdee"),
                            Map.of("titleColor", "#112233")))
                .status())
        .isEqualTo(200);
    assertThat(http.send("GET", "/users/vipdee/skin", null, null).body()).contains("#112233");
  }

  @Test
  void viewsLikesFavoritesAndFollows_withTheirAnswersLost_countOnce() {
    profile("eve");
    String post = newPost("eve");
    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    // the day's salt first, so that the next PutItem is the view's marker
    http.send("POST", "/posts/" + post + "/views", null, null, "user-agent", firefox + " warm-up");

    // A view is one conditional PutItem of its marker (the counters follow from the table's
    // stream).
    Http.Reply view =
        losing(
            dynamoDb,
            "PutItem",
            () ->
                http.send("POST", "/posts/" + post + "/views", null, null, "user-agent", firefox));
    Http.Reply like =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () -> http.send("PUT", "/posts/" + post + "/like", token("fay"), null));
    Http.Reply favorite =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () -> http.send("PUT", "/posts/" + post + "/favorite", token("fay"), null));
    Http.Reply follow =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () -> http.send("PUT", "/users/eve/follow", token("fay"), null));

    assertThat(view.json()).containsEntry("counted", true);
    assertThat(List.of(like.status(), favorite.status(), follow.status())).containsOnly(200);
    system.stack().awaitStreamsSettled(Duration.ofSeconds(30));
    Map<String, Object> summary = http.send("GET", "/posts/" + post, null, null).json();
    assertThat(summary)
        .containsEntry("views", 2L)
        .containsEntry("likes", 1L)
        .containsEntry("favorites", 1L);
    assertThat(http.send("GET", "/users/eve", null, null).json())
        .containsEntry("followers", 1L)
        .containsEntry("likes", 1L)
        .containsEntry("favorites", 1L);

    Http.Reply unlike =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () -> http.send("DELETE", "/posts/" + post + "/like", token("fay"), null));
    assertThat(unlike.status()).isIn(200, 204);
    assertThat(http.send("GET", "/posts/" + post, null, null).json()).containsEntry("likes", 0L);
  }

  @Test
  void comment_withItsAnswerLost_isPostedOnce() {
    String post = newPost("gus");

    Http.Reply comment =
        losing(
            dynamoDb,
            "TransactWriteItems",
            () ->
                http.send(
                    "POST",
                    "/posts/" + post + "/comments",
                    token("hal"),
                    Map.of("body", "Once only")));

    assertThat(comment.status()).isEqualTo(201);
    Map<String, Object> thread =
        http.send("GET", "/posts/" + post + "/comments", null, null).json();
    assertThat(thread).containsEntry("commentCount", 1L);
    assertThat((List<?>) thread.get("items")).hasSize(1);
  }

  @Test
  void uploadAndValidation_withAnswersLost_endAcceptedOnce() throws Exception {
    byte[] png = png(300, 38);
    Http.Reply ticket =
        losing(
            dynamoDb,
            "PutItem",
            () ->
                http.send(
                    "POST",
                    "/users/vipivy/skin/uploads",
                    token("vipivy"),
                    Map.of(
                        "slot",
                        "column",
                        "contentType",
                        "image/png",
                        "contentLength",
                        png.length)));
    assertThat(ticket.status()).isEqualTo(201);

    // The browser's PUT is applied but its answer lost: it PUTs again through the same URL.
    String url = (String) ticket.json().get("url");
    Http.Reply first =
        losing(s3, "PUT", () -> http.send("PUT", url, null, png, "content-type", "image/png"));
    assertThat(first.status()).isEqualTo(500);
    // The validator's accepting transaction is applied but its answer lost: the SDK retries.
    dynamoDb.loseNext("TransactWriteItems", 1);
    assertThat(http.send("PUT", url, null, png, "content-type", "image/png").status())
        .isEqualTo(200);
    system.stack().notifications().awaitIdle(60, TimeUnit.SECONDS);

    assertThat(
            http.send(
                    "GET",
                    "/users/vipivy/skin/uploads/" + ticket.json().get("uploadId"),
                    token("vipivy"),
                    null)
                .json())
        .containsEntry("status", "ACCEPTED");
    assertThat(system.stack().notifications().failures()).isEmpty();
  }

  private static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, (x * 7) << 16 | (y * 5) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
