package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.stats.visitor.RequiredText.Alternative;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredTextTest {

  @Test
  void of_returnsTheLowerCasedTextAsWhole_whenThePatternIsPlainText() {
    assertThat(RequiredText.of("Googlebot-Image"))
        .contains(List.of(new Alternative("googlebot-image", true)));
  }

  @Test
  void of_readsEscapedPunctuationAndCasePairsAsText() {
    assertThat(RequiredText.of("[wW]eb [cC]rawler\\/1\\.0\\!"))
        .contains(List.of(new Alternative("web crawler/1.0!", true)));
  }

  @Test
  void of_splitsTopLevelAlternatives() {
    assertThat(RequiredText.of("Chirp|gotosocial"))
        .contains(List.of(new Alternative("chirp", true), new Alternative("gotosocial", true)));
  }

  @Test
  void of_keepsTheLongestRequiredRun_whenTheAlternativeHasRegexParts() {
    assertThat(RequiredText.of("BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher"))
        .contains(List.of(new Alternative(" feed-fetcher", false)));
    assertThat(RequiredText.of("Ahrefs(Bot|SiteAudit)"))
        .contains(List.of(new Alternative("ahrefs", false)));
    assertThat(RequiredText.of("(^| )sentry\\/"))
        .contains(List.of(new Alternative("sentry/", false)));
    assertThat(RequiredText.of("^curl")).contains(List.of(new Alternative("curl", false)));
    assertThat(RequiredText.of("SSL Labs$")).contains(List.of(new Alternative("ssl labs", false)));
  }

  @Test
  void of_dropsACharacterThatMayBeAbsent_whenAQuantifierFollowsIt() {
    assertThat(RequiredText.of("abcdx?yz")).contains(List.of(new Alternative("abcd", false)));
    assertThat(RequiredText.of("abcdx*yz")).contains(List.of(new Alternative("abcd", false)));
    assertThat(RequiredText.of("abcdx{0,2}yz")).contains(List.of(new Alternative("abcd", false)));
    assertThat(RequiredText.of("abx+yz")).contains(List.of(new Alternative("abx", false)));
  }

  @Test
  void of_treatsClassesAndGroupsAsNonText_evenWhenTheyHoldBrackets() {
    assertThat(RequiredText.of("ab[\\]x(]cdef(g[)]h)ij"))
        .contains(List.of(new Alternative("cdef", false)));
  }

  @Test
  void of_givesUp_whenAnAlternativeHasNoRequiredText() {
    assertThat(RequiredText.of("bot|x?")).isEmpty();
    assertThat(RequiredText.of("(foo|bar)")).isEmpty();
    assertThat(RequiredText.of("bot|")).isEmpty();
  }

  @Test
  void of_givesUp_whenThePatternUsesEscapesItDoesNotRead() {
    assertThat(RequiredText.of("\\x41bot")).isEmpty();
    assertThat(RequiredText.of("\\Qa.b\\Ebot")).isEmpty();
    assertThat(RequiredText.of("(a)\\1bot")).isEmpty();
  }
}
