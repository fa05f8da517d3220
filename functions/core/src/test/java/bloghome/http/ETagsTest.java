package bloghome.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {
  @Test
  void etags_matchListsAndWeakTags() {
    assertThat(ETags.matches("\"a\", W/\"b\"", "\"b\"")).isTrue();
    assertThat(ETags.matches("*", "\"b\"")).isTrue();
    assertThat(ETags.matches("\"a\"", "\"b\"")).isFalse();
  }
}
