package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageRequestTest {
  @Test
  void onlyTheParametersAPageKnows_reachItsLinks() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("sort", "views");
    query.put("junk", "x".repeat(64 * 1024));
    for (int i = 0; i < 20_000; i++) {
      query.put("p" + i, "v");
    }
    query.put("type", "repost");

    PageRequest page = PageRequest.of("/u/alice", query, List.of(), Optional.of("en"));

    assertThat(page.otherLangHref()).isEqualTo("/u/alice?sort=views&type=repost&lang=zh-CN");
    assertThat(page.signInHref())
        .isEqualTo("/sign-in?return=%2Fu%2Falice%3Fsort%3Dviews%26type%3Drepost");
  }

  @Test
  void aValueLongerThanAnyPageAccepts_isDropped() {
    PageRequest page =
        PageRequest.of(
            "/u/alice", Map.of("cursor", "c".repeat(5000)), List.of(), Optional.of("en"));

    assertThat(page.here()).isEqualTo("/u/alice");
  }

  @Test
  void theLanguageCookie_isSecureOnlyWhenAskedFor() {
    PageRequest page = PageRequest.of("/u/a", Map.of("lang", "en"), List.of(), Optional.empty());

    assertThat(page.langCookie(true)).hasValueSatisfying(c -> assertThat(c).endsWith("; Secure"));
    assertThat(page.langCookie(false))
        .hasValueSatisfying(c -> assertThat(c).doesNotContain("Secure"));
  }
}
