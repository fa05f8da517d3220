package bloghome.system;

import bloghome.json.Json;
import bloghome.local.LocalJwt;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seeds the demo blog of {@code bin/run-local} through the public HTTP API, as a client would: the
 * VIP author {@value #AUTHOR} with 45 imported posts, two readers who comment, reply, like,
 * favorite and follow, and a skin (three colours, three images drawn by {@link DemoImages} and
 * uploaded through the presigned flow, so the validator decides them as any upload).
 *
 * <p>Idempotent: a second run finds everything in place and adds nothing (posts are imported only
 * when the listing is short, comments only on posts without any, images only into empty slots;
 * profiles, colours, likes and follows are puts).
 */
public final class DemoBlog {
  public static final String AUTHOR = "demo";
  static final String READER_LI = "lihua";
  static final String READER_TOM = "tom_w";
  static final Map<String, String> COLOURS =
      Map.of("titleColor", "#222226", "hoverColor", "#FC5531", "subtitleColor", "#6B6B80");

  /** What a run did. */
  public record Seeded(int postsImported, int commentsAdded, int imagesUploaded, Duration took) {
    public String describe() {
      return "%d posts imported, %d comments added, %d skin images uploaded (%.1f s)"
          .formatted(postsImported, commentsAdded, imagesUploaded, took.toMillis() / 1000.0);
    }
  }

  private final DemoApiClient client;
  private final LocalJwt tokens;
  private final Clock clock;

  public DemoBlog(URI api, LocalJwt tokens, Clock clock) {
    this.client = new DemoApiClient(api);
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The demo blog's home page. */
  public static URI homePage(URI api) {
    return api.resolve("/u/" + AUTHOR);
  }

  public Seeded seed() {
    return seed(true);
  }

  /**
   * Seeds the blog; without {@code skinImages} the skin gets its colours only and the newest post
   * no figure (for a stack whose uploads no validator watches, such as the benchmark's).
   */
  public Seeded seed(boolean skinImages) {
    Instant started = clock.instant();
    String author = tokens.mint(AUTHOR, List.of("vip"), Duration.ofHours(1));
    String li = tokens.mint(READER_LI, List.of(), Duration.ofHours(1));
    String tom = tokens.mint(READER_TOM, List.of(), Duration.ofHours(1));

    client.call(
        "PUT",
        "/users/" + AUTHOR,
        author,
        Map.of(
            "displayName",
            "陈默 | Mo Chen",
            "bio",
            "后端工程师，写 Java、Serverless 和分布式系统，也翻译一些好文章。踩过的坑都记在这里。\n"
                + "Backend engineer writing about Java, serverless and distributed systems."));
    client.call(
        "PUT", "/users/" + READER_LI, li, Map.of("displayName", "李华", "bio", "在读研究生，喜欢折腾数据库。"));
    client.call(
        "PUT",
        "/users/" + READER_TOM,
        tom,
        Map.of("displayName", "Tom Wang", "bio", "Frontend developer in Shanghai."));

    int imported = importPosts(author, skinImages);
    List<String> newest = newestPostIds(DemoPosts.COMMENTED + 4);
    int comments = comment(newest.subList(0, DemoPosts.COMMENTED), author, li, tom);
    react(newest, li, tom);
    client.call("PUT", "/users/" + AUTHOR + "/follow", li, null);
    client.call("PUT", "/users/" + AUTHOR + "/follow", tom, null);
    client.call("PUT", "/users/" + READER_LI + "/follow", author, null);
    client.call("PUT", "/users/" + AUTHOR + "/skin", author, COLOURS);
    int images = skinImages ? skinImages(author) : 0;
    return new Seeded(imported, comments, images, Duration.between(started, clock.instant()));
  }

  /** Imports the posts, the newest with an uploaded figure when a validator watches uploads. */
  private int importPosts(String author, boolean withFigure) {
    long present =
        number(client.call("GET", "/users/" + AUTHOR + "/posts?limit=1", null, null), "total");
    if (present >= DemoPosts.COUNT) {
      return 0;
    }
    Optional<String> figure = withFigure ? Optional.of(uploadFigure(author)) : Optional.empty();
    Map<String, Object> answer =
        client.call(
            "POST",
            "/users/" + AUTHOR + "/posts/import",
            author,
            Map.of("posts", DemoPosts.importBatch(clock.instant(), figure)));
    if (number(answer, "rejected") > 0) {
      throw new IllegalStateException("The demo import was refused in part: " + Json.write(answer));
    }
    client.call(
        "PUT",
        "/users/" + AUTHOR + "/categories",
        author,
        Map.of("categories", DemoPosts.CATEGORIES, "feedFullText", true));
    return (int) (number(answer, "created") + number(answer, "updated"));
  }

  @SuppressWarnings("unchecked")
  private List<String> newestPostIds(int count) {
    Map<String, Object> page =
        client.call("GET", "/users/" + AUTHOR + "/posts?limit=" + count, null, null);
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(item -> (String) item.get("postId")).toList();
  }

  /** Comments and replies on the newest posts, unless a post has comments already. */
  @SuppressWarnings("unchecked")
  private int comment(List<String> postIds, String author, String li, String tom) {
    int added = 0;
    for (int i = 0; i < postIds.size(); i++) {
      String postId = postIds.get(i);
      List<Object> existing =
          (List<Object>)
              client.call("GET", "/posts/" + postId + "/comments?limit=1", null, null).get("items");
      if (!existing.isEmpty()) {
        continue;
      }
      String key = "demo-seed-" + postId + "-";
      String first =
          create(
              postId,
              li,
              key + 1,
              i == 0
                  ? "写得很清楚！请问 synchronized 钉住载体线程的问题，在 Java 25 里还存在吗？"
                  : "单表设计这篇收藏了，GSI 的排序键设计讲得很透彻 👍",
              null);
      create(
          postId,
          author,
          key + 2,
          i == 0 ? "谢谢！JDK 24 起 synchronized 已经不再钉住载体线程了，文中第三节有说明。" : "感谢支持，后面会再写一篇讲计数器的。",
          first);
      create(
          postId,
          tom,
          key + 3,
          "Thanks for writing this up. Is there an English version of the benchmark table?",
          first);
      String second =
          create(
              postId,
              tom,
              key + 4,
              i == 0
                  ? "We hit the same ThreadLocal problem last month; the fix in section 4 worked for us."
                  : "Clear explanation of the cost per request. Bookmarked.",
              null);
      create(postId, li, key + 5, "+1，我们组也遇到过。", second);
      added += 5;
    }
    return added;
  }

  private String create(
      String postId, String token, String idempotencyKey, String body, String replyTo) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("body", body);
    if (replyTo != null) {
      request.put("replyTo", replyTo);
    }
    Map<String, Object> comment =
        client.call(
            "POST",
            "/posts/" + postId + "/comments",
            token,
            request,
            "idempotency-key",
            idempotencyKey);
    return (String) comment.get("commentId");
  }

  /**
   * Likes and favorites from both readers on a few of the newest posts (puts: repeating changes
   * nothing).
   */
  private void react(List<String> postIds, String li, String tom) {
    for (int i = 0; i < postIds.size(); i++) {
      String postId = postIds.get(i);
      client.call("PUT", "/posts/" + postId + "/like", li, null);
      if (i % 2 == 0) {
        client.call("PUT", "/posts/" + postId + "/like", tom, null);
        client.call("PUT", "/posts/" + postId + "/favorite", li, null);
      }
    }
  }

  /** Uploads the images of the slots that have none; returns how many were uploaded. */
  private int skinImages(String author) {
    Map<String, Object> skin = client.call("GET", "/users/" + AUTHOR + "/skin", null, null);
    int uploaded = 0;
    for (String slot : List.of("header", "background", "column")) {
      if (skin.get(slot) != null) {
        continue;
      }
      byte[] png =
          DemoImages.png(
              switch (slot) {
                case "header" -> DemoImages.header();
                case "background" -> DemoImages.tile();
                default -> DemoImages.column();
              });
      Map<String, Object> ticket =
          client.call(
              "POST",
              "/users/" + AUTHOR + "/skin/uploads",
              author,
              Map.of("slot", slot, "contentType", "image/png", "contentLength", png.length));
      client.put(URI.create((String) ticket.get("url")), png);
      awaitAccepted(author, "/skin/uploads/" + ticket.get("uploadId"), slot);
      uploaded++;
    }
    return uploaded;
  }

  /** Uploads the newest post's figure as a post image; returns its URL once accepted. */
  @SuppressWarnings("unchecked")
  private String uploadFigure(String author) {
    byte[] png = DemoImages.png(DemoImages.throughputChart());
    Map<String, Object> ticket =
        client.call(
            "POST",
            "/users/" + AUTHOR + "/images",
            author,
            Map.of("contentType", "image/png", "bytes", png.length, "fileName", "throughput.png"));
    client.put(URI.create((String) ticket.get("url")), png);
    Map<String, Object> accepted =
        awaitAccepted(author, "/images/" + ticket.get("uploadId"), "post figure");
    return (String) ((Map<String, Object>) accepted.get("image")).get("src");
  }

  /** Polls the upload at {@code /users/demo{path}} until it is accepted; its last answer. */
  private Map<String, Object> awaitAccepted(String author, String path, String what) {
    Instant deadline = clock.instant().plusSeconds(60);
    while (true) {
      Map<String, Object> status = client.call("GET", "/users/" + AUTHOR + path, author, null);
      switch ((String) status.get("status")) {
        case "ACCEPTED" -> {
          return status;
        }
        case "PENDING" -> {
          if (clock.instant().isAfter(deadline)) {
            throw new IllegalStateException("The demo " + what + " is still PENDING after 60 s");
          }
          sleep(Duration.ofMillis(200));
        }
        default ->
            throw new IllegalStateException(
                "The demo " + what + " was not accepted: " + Json.write(status));
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static long number(Map<String, Object> json, String field) {
    return ((Number) json.get(field)).longValue();
  }
}
