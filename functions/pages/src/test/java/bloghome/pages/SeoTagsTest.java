package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.pages.PageModels.Alternate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeoTagsTest {
  private static final String ORIGIN = "https://blog.example.com";

  /**
   * Lighthouse's canonical audit fails a page whose canonical URL and own address are both hreflang
   * alternates but differ ("Points to another hreflang location"): the address without {@code lang}
   * must not be an alternate, since it is canonicalised to its language's URL.
   */
  @Test
  void aPageWithoutLang_isCanonicalisedToItsLanguage_andIsNoAlternateItself() {
    PageRequest page =
        PageRequest.of("/u/alice", Map.of("sort", "views"), List.of(), Optional.of("en"));
    SeoTags.Where where = new SeoTags.Where(ORIGIN, page);

    assertThat(where.canonical()).isEqualTo(ORIGIN + "/u/alice?sort=views&lang=en");
    assertThat(where.alternates())
        .extracting(Alternate::label, Alternate::href)
        .map(t -> t.toList())
        .containsExactly(
            List.of("zh-CN", ORIGIN + "/u/alice?sort=views&lang=zh-CN"),
            List.of("en", ORIGIN + "/u/alice?sort=views&lang=en"),
            List.of("x-default", ORIGIN + "/u/alice?sort=views&lang=zh-CN"));
    assertThat(where.alternates())
        .extracting(Alternate::href)
        .doesNotContain(ORIGIN + "/u/alice?sort=views")
        .contains(where.canonical());
  }
}
