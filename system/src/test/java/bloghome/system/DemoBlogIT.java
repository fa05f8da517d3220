package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo blog of bin/run-local, seeded through the API of the running system, twice. */
class DemoBlogIT {
  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("demo", 0, 0, 0, List.of("http://localhost:5173")));
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void seed_buildsTheDemoBlogThroughTheApi_andASecondRunAddsNothing() throws IOException {
    DemoBlog demo = new DemoBlog(system.apiUrl(), system.tokens(), Clock.systemUTC());

    DemoBlog.Seeded first = demo.seed();

    assertThat(first.postsImported()).isEqualTo(45);
    assertThat(first.commentsAdded()).isEqualTo(10);
    assertThat(first.imagesUploaded()).isEqualTo(3);
    // 45 posts: a page of 40 newest first, then 5
    Http.Reply page1 = http.send("GET", "/users/demo/posts?limit=40", null, null);
    assertThat(page1.number("total")).isEqualTo(45);
    List<Map<String, Object>> items = items(page1);
    assertThat(items).hasSize(40);
    List<String> dates = items.stream().map(item -> (String) item.get("publishedAt")).toList();
    assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());
    String cursor = (String) page1.json().get("nextCursor");
    assertThat(items(http.send("GET", "/users/demo/posts?limit=40&cursor=" + cursor, null, null)))
        .hasSize(5);
    // every type, with imported figures
    List<Map<String, Object>> all =
        items(http.send("GET", "/users/demo/posts?limit=100", null, null));
    assertThat(
            all.stream()
                .collect(
                    Collectors.groupingBy(
                        item -> (String) item.get("type"), Collectors.counting())))
        .containsOnlyKeys("original", "repost", "translated")
        .allSatisfy((type, count) -> assertThat(count).isGreaterThanOrEqualTo(5));
    assertThat(all)
        .allSatisfy(item -> assertThat(((Number) item.get("views")).longValue()).isPositive());
    assertThat(all.stream().map(item -> (String) item.get("title")))
        .anyMatch(title -> title.matches(".*[\\u4e00-\\u9fff].*"))
        .anyMatch(title -> title.matches("[ -~]+"));
    // the newest post: Markdown content, and comments with replies from the two readers
    String newest = (String) items.get(0).get("postId");
    Map<String, Object> post = http.send("GET", "/posts/" + newest, null, null).json();
    assertThat((String) post.get("content")).contains("## ").contains("```").contains("](https://");
    // its figure went through the post-image upload: the page serves the validated copies
    assertThat((String) post.get("content")).contains("![柱状图：");
    String page = http.send("GET", "/p/" + newest, null, null).body();
    assertThat(page)
        .contains("480w")
        .contains("960w")
        .contains("1600w")
        .contains("width=\"1600\" height=\"900\"")
        .contains("loading=\"lazy\"");
    assertThat(post).containsEntry("comments", 5L);
    String threads = http.send("GET", "/posts/" + newest + "/comments", null, null).body();
    assertThat(threads)
        .contains("\"authorId\":\"lihua\"")
        .contains("\"authorId\":\"tom_w\"")
        .contains("\"replyTo\"");
    // the author: VIP profile, followers, and a skin the validator accepted
    Map<String, Object> profile = http.send("GET", "/users/demo", null, null).json();
    assertThat((String) profile.get("displayName")).contains("陈默");
    assertThat(profile).containsEntry("posts", 45L).containsEntry("followers", 2L);
    Map<String, Object> skin = http.send("GET", "/users/demo/skin", null, null).json();
    assertThat(skin).containsAllEntriesOf(DemoBlog.COLOURS);
    assertThat(image(skin, "header")).containsEntry("width", 1920L).containsEntry("height", 120L);
    assertThat(image(skin, "column")).containsEntry("width", 300L).containsEntry("height", 38L);
    assertThat(image(skin, "background")).containsKey("url");
    Http.Reply header = http.send("GET", (String) image(skin, "header").get("url"), null, null);
    assertThat(header.status()).isEqualTo(200);
    assertThat(ImageIO.read(new ByteArrayInputStream(header.raw().body())).getWidth())
        .isEqualTo(1920);

    // a second run finds everything in place
    String before =
        http.send("GET", "/users/demo/posts?limit=100", null, null).body() + profile + threads;
    DemoBlog.Seeded second = demo.seed();

    assertThat(second.postsImported()).isZero();
    assertThat(second.commentsAdded()).isZero();
    assertThat(second.imagesUploaded()).isZero();
    String after =
        http.send("GET", "/users/demo/posts?limit=100", null, null).body()
            + http.send("GET", "/users/demo", null, null).json()
            + http.send("GET", "/posts/" + newest + "/comments", null, null).body();
    assertThat(after).isEqualTo(before);
    assertThat(http.send("GET", "/users/demo/skin", null, null).json()).isEqualTo(skin);
  }

  @Test
  void headerImage_keepsItsInterestOnTheRight_andTheColumnIsExactly300x38() {
    var header = DemoImages.header();
    assertThat(header.getWidth()).isGreaterThanOrEqualTo(1920);
    assertThat(header.getHeight()).isGreaterThanOrEqualTo(100);
    assertThat(variation(header, 0, 600))
        .isLessThan(variation(header, header.getWidth() - 600, header.getWidth()));
    var column = DemoImages.column();
    assertThat(column.getWidth()).isEqualTo(300);
    assertThat(column.getHeight()).isEqualTo(38);
  }

  /**
   * How far pixels stray from their left neighbour across columns [from, to): busy areas score
   * high.
   */
  private static long variation(BufferedImage image, int from, int to) {
    long sum = 0;
    for (int x = Math.max(1, from); x < to; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int a = image.getRGB(x, y);
        int b = image.getRGB(x - 1, y);
        sum +=
            Math.abs((a & 0xFF) - (b & 0xFF))
                + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                + Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF));
      }
    }
    return sum;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Http.Reply reply) {
    return (List<Map<String, Object>>) reply.json().get("items");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> image(Map<String, Object> skin, String slot) {
    return (Map<String, Object>) skin.get(slot);
  }
}
