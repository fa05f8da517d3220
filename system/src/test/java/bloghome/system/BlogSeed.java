package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A blog shaped like the seed's, written through the API: 45 imported posts of one VIP author. */
final class BlogSeed {
  static final Instant FIRST = Instant.parse("2022-11-25T07:02:10Z");

  /** Post number 44 (the newest) carries script and dangerous links in its Markdown. */
  static final String HOSTILE_MARKDOWN =
      "# Hi\n<script>alert(1)</script>\n\n<img src=x onerror=alert(3)>\n\n[click](javascript:alert(2)) "
          + "[again](JaVaScRiPt&#58;alert(4)) [site](https://example.org/x) ![x](data:image/png;base64,AAAA)";

  private BlogSeed() {}

  static String title(int i) {
    return "第 " + i + " 篇 <b>笔记</b>";
  }

  static long views(int i) {
    return 1000 + (i * 37) % 101;
  }

  static void importBlog(Http http, String token, String userId, String displayName) {
    assertThat(
            http.send(
                    "PUT",
                    "/users/" + userId,
                    token,
                    Map.of("displayName", displayName, "bio", "分布式系统笔记"))
                .status())
        .isEqualTo(200);
    List<Map<String, Object>> posts = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "csdn-" + i);
      p.put("type", i % 5 == 0 ? "repost" : "original");
      if (i % 5 == 0) {
        p.put("sourceUrl", "https://example.org/original/" + i);
      }
      p.put("title", title(i));
      p.put("summary", "摘要 " + i + "：缓存、队列与一致性。");
      p.put("content", i == 44 ? HOSTILE_MARKDOWN : "## 第 " + i + " 篇\n\n正文，**加粗**与 `code`。\n");
      p.put("publishedAt", FIRST.plus(Duration.ofDays(i)).toString());
      p.put("views", views(i));
      p.put("comments", 0);
      p.put("likes", i);
      p.put("favorites", 1);
      posts.add(p);
    }
    assertThat(
            http.send("POST", "/users/" + userId + "/posts/import", token, Map.of("posts", posts))
                .status())
        .isEqualTo(200);
  }
}
