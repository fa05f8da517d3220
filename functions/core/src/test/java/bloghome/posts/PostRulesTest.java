package bloghome.posts;

import bloghome.time.Timestamps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostRulesTest {
  private static PostDraft draft(Map<String, Object> body) {
    return PostRules.draft(JsonObject.parseBody(Json.write(body)));
  }

  private static Map<String, Object> body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>(Map.of("title", "T", "content", "C"));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void draft_trimsTheTitle_andCountsCharactersNotBytes() {
    assertThat(draft(body("title", "  " + "字".repeat(100) + " ")).title()).isEqualTo("字".repeat(100));
    assertThatThrownBy(() -> draft(body("title", "x".repeat(101))))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.code()).isEqualTo("INVALID_TITLE");
          assertThat(p.field()).isEqualTo("title");
        });
  }

  @Test
  void draft_acceptsOnlyAbsoluteWebSourceUrls_forRepostsAndTranslations() {
    assertThat(draft(body("type", "repost", "sourceUrl", "https://a.example/x")).sourceUrl()).hasValue("https://a.example/x");
    for (String bad : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "/relative", "//host/x",
        "ftp://a.example", "http://", "https://a.example/ x", "mailto:a@b.c")) {
      assertThatThrownBy(() -> draft(body("type", "translated", "sourceUrl", bad)))
          .as(bad).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("sourceUrl"));
    }
    assertThatThrownBy(() -> draft(body("sourceUrl", "https://a.example"))).isInstanceOf(Problem.class);
    assertThatThrownBy(() -> draft(body("type", "repost"))).isInstanceOf(Problem.class);
  }

  @Test
  void draft_derivesTheSummary_whenNoneIsGiven() {
    assertThat(draft(body("content", "## Hello *world*")).summary()).isEqualTo("Hello world");
    assertThat(draft(body("summary", "Mine", "content", "## Hello")).summary()).isEqualTo("Mine");
  }

  @Test
  void importDraft_namesTheFieldInsideTheArray() {
    Map<String, Object> post = body("sourceId", "s", "publishedAt", "2024-01-01T00:00:00+02:00", "views", -5);

    assertThatThrownBy(() -> PostRules.importDraft(post, "posts[7]", Instant.now()))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.code()).isEqualTo("INVALID_VIEWS");
          assertThat(p.field()).isEqualTo("posts[7].views");
        });
    post.put("views", 5L);
    assertThat(PostRules.importDraft(post, "posts[7]", Instant.now()).publishedAt())
        .isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
  }

  @Test
  void timestamps_haveAFixedWidth() {
    assertThat(Timestamps.format(Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo("2025-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(Instant.parse("2025-01-01T00:00:00.123456Z"))).isEqualTo("2025-01-01T00:00:00.123Z");
  }
}
