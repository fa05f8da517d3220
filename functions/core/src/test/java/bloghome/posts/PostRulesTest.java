package bloghome.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostRulesTest {
  private static PostDraft draft(Map<String, Object> body) {
    return PostRules.draft(JsonObject.parseBody(Json.write(body)), NOW);
  }

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private static PostDraft update(Map<String, Object> body) {
    return PostRules.update(JsonObject.parseBody(Json.write(body)), NOW);
  }

  @Test
  void statusAndVisibility_defaultToPublishedAndPublic_soOldClientsPublish() {
    PostDraft d = draft(body());
    assertThat(d.status()).isEqualTo(PostStatus.PUBLISHED);
    assertThat(d.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(d.publishAt()).isEmpty();
    assertThat(d.categories()).isEmpty();
    assertThat(d.summaryDerived()).isTrue();
    assertThat(draft(body("summary", "given")).summaryDerived()).isFalse();
  }

  @Test
  void scheduled_needsAFuturePublishAt_inWholeSeconds_andOnlyScheduledTakesOne() {
    PostDraft d = draft(body("status", "scheduled", "publishAt", "2026-12-07T18:30:00.750+08:00"));
    assertThat(d.publishAt()).contains(Instant.parse("2026-12-07T10:30:00Z"));
    assertThatThrownBy(() -> draft(body("status", "scheduled")))
        .isInstanceOf(Problem.class)
        .hasFieldOrPropertyWithValue("field", "publishAt");
    assertThatThrownBy(
            () -> draft(body("status", "scheduled", "publishAt", "2026-12-07T09:00:00Z")))
        .hasMessageContaining("future");
    assertThatThrownBy(
            () -> draft(body("status", "scheduled", "publishAt", "2028-12-07T09:00:00Z")))
        .hasMessageContaining("within a year");
    assertThatThrownBy(() -> draft(body("status", "draft", "publishAt", "2026-12-08T09:00:00Z")))
        .hasFieldOrPropertyWithValue("code", "INVALID_PUBLISH_AT");
    assertThatThrownBy(() -> draft(body("status", "live")))
        .hasFieldOrPropertyWithValue("code", "INVALID_STATUS");
    assertThatThrownBy(() -> draft(body("visibility", "friends")))
        .hasFieldOrPropertyWithValue("code", "INVALID_VISIBILITY");
  }

  @Test
  void categories_atMostThree_singleLine_noRepeats() {
    assertThat(draft(body("categories", List.of("Java", "数据库"))).categories())
        .containsExactly("Java", "数据库");
    assertThatThrownBy(() -> draft(body("categories", List.of("a", "b", "c", "d"))))
        .hasFieldOrPropertyWithValue("code", "INVALID_CATEGORIES");
    assertThatThrownBy(() -> draft(body("categories", List.of("a", "a"))))
        .hasFieldOrPropertyWithValue("code", "INVALID_CATEGORIES");
    assertThatThrownBy(() -> draft(body("categories", List.of("x".repeat(31)))))
        .hasFieldOrPropertyWithValue("code", "INVALID_CATEGORIES");
  }

  @Test
  void version_onlyOnUpdate_wholeNumberFromOne() {
    assertThat(update(body("version", 3)).expectedVersion()).contains(3L);
    assertThat(update(body()).expectedVersion()).isEmpty();
    assertThatThrownBy(() -> update(body("version", 0)))
        .hasFieldOrPropertyWithValue("code", "INVALID_VERSION");
    assertThatThrownBy(() -> draft(body("version", 1)))
        .hasFieldOrPropertyWithValue("code", "UNKNOWN_FIELD");
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
    assertThat(draft(body("title", "  " + "字".repeat(100) + " ")).title())
        .isEqualTo("字".repeat(100));
    assertThatThrownBy(() -> draft(body("title", "x".repeat(101))))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("INVALID_TITLE");
              assertThat(p.field()).isEqualTo("title");
            });
  }

  @Test
  void draft_acceptsOnlyAbsoluteWebSourceUrls_forRepostsAndTranslations() {
    assertThat(draft(body("type", "repost", "sourceUrl", "https://a.example/x")).sourceUrl())
        .hasValue("https://a.example/x");
    for (String bad :
        List.of(
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "/relative",
            "//host/x",
            "ftp://a.example",
            "http://",
            "https://a.example/ x",
            "mailto:a@b.c")) {
      assertThatThrownBy(() -> draft(body("type", "translated", "sourceUrl", bad)))
          .as(bad)
          .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("sourceUrl"));
    }
    assertThatThrownBy(() -> draft(body("sourceUrl", "https://a.example")))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> draft(body("type", "repost"))).isInstanceOf(Problem.class);
  }

  @Test
  void draft_derivesTheSummary_whenNoneIsGiven() {
    assertThat(draft(body("content", "## Hello *world*")).summary()).isEqualTo("Hello world");
    assertThat(draft(body("summary", "Mine", "content", "## Hello")).summary()).isEqualTo("Mine");
  }

  @Test
  void importDraft_namesTheFieldInsideTheArray() {
    Map<String, Object> post =
        body("sourceId", "s", "publishedAt", "2024-01-01T00:00:00+02:00", "views", -5);

    assertThatThrownBy(() -> PostRules.importDraft(post, "posts[7]", Instant.now()))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("INVALID_VIEWS");
              assertThat(p.field()).isEqualTo("posts[7].views");
            });
    post.put("views", 5L);
    assertThat(PostRules.importDraft(post, "posts[7]", Instant.now()).publishedAt())
        .isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
  }

  @Test
  void draft_appliesTheTextRules_toEveryTextField() {
    Object[][] refused = {
      {"title", "al\u202Eecila", "INVALID_TITLE"}, {"title", "\u200B\u200B", "INVALID_TITLE"},
      {"title", "a\u200Fb", "INVALID_TITLE"}, {"tags", List.of("ok", "x\u2066y"), "INVALID_TAGS"},
      {"tags", List.of("\u3164"), "INVALID_TAGS"}, {"content", "text\u0000more", "INVALID_CONTENT"},
      {"content", "bell\u0007", "INVALID_CONTENT"}, {"summary", "esc\u001B[31m", "INVALID_SUMMARY"},
    };
    for (Object[] c : refused) {
      assertThatThrownBy(() -> draft(body(c[0], c[1])))
          .as(c[0] + "=" + c[1])
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.code()).isEqualTo(c[2]);
                assertThat(p.field()).isEqualTo(c[0]);
              });
    }
    assertThatThrownBy(
            () -> draft(body("type", "repost", "sourceUrl", "https://a.example/\u202Egpj.exe")))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("sourceUrl"));
  }

  @Test
  void draft_normalisesToNfc_beforeCountingAndStoring_andKeepsLineBreaksAsLineFeeds() {
    // 100 characters once composed, 200 code points as sent.
    PostDraft draft =
        draft(
            body(
                "title",
                "e\u0301".repeat(100),
                "content",
                "line one\r\nline two\r\n\tcode",
                "tags",
                List.of("cafe\u0301")));

    assertThat(draft.title()).isEqualTo("é".repeat(100));
    assertThat(draft.content()).isEqualTo("line one\nline two\n\tcode");
    assertThat(draft.tags()).containsExactly("café");
    // Tags equal after normalisation are the same tag.
    assertThatThrownBy(() -> draft(body("tags", List.of("café", "cafe\u0301"))))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("INVALID_TAGS"));
    // Right-to-left text is fine everywhere.
    assertThat(draft(body("title", "שלום", "content", "\u2067مرحبا\u2069 world")).title())
        .isEqualTo("שלום");
  }

  @Test
  void timestamps_haveAFixedWidth() {
    assertThat(Timestamps.format(Instant.parse("2025-01-01T00:00:00Z")))
        .isEqualTo("2025-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(Instant.parse("2025-01-01T00:00:00.123456Z")))
        .isEqualTo("2025-01-01T00:00:00.123Z");
  }
}
