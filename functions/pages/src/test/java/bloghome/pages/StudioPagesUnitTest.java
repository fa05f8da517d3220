package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.posts.PostRules;
import org.junit.jupiter.api.Test;

class StudioPagesUnitTest {
  private final StudioPages studio = new StudioPages(new Markdown());

  @Test
  void preview_isWhatThePostPageRenders() {
    String content = "A [link](https://example.org) and ![x](https://other.example/p.gif)";
    assertThat(studio.preview(content)).isEqualTo(new Markdown().toHtml(content));
  }

  @Test
  void preview_acceptsExactlyTheLimit_andRefusesOneByteMore() {
    String atLimit = "a".repeat(PostRules.CONTENT_MAX_BYTES);
    assertThat(studio.preview(atLimit)).startsWith("<p>aaa");
    assertThatThrownBy(() -> studio.preview(atLimit + "b"))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE));
  }

  @Test
  void scriptStrings_existInBothLanguages_withoutTheirPrefix() {
    var zh = StudioPages.scriptStrings(Messages.of(Lang.ZH));
    var en = StudioPages.scriptStrings(Messages.of(Lang.EN));
    assertThat(zh).extracting(PageModels.Sentence::code).contains("savedAt", "stateDraft");
    assertThat(zh)
        .extracting(PageModels.Sentence::code)
        .containsExactlyElementsOf(en.stream().map(PageModels.Sentence::code).toList());
    assertThat(en).contains(new PageModels.Sentence("savedAt", "Saved at {0}"));
  }
}
