package bloghome.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  private static List<String> grams(String text) {
    return SearchQuery.analyze(SearchAnalyzers.grams(), text).stream()
        .map(SearchQuery.Token::term)
        .toList();
  }

  @Test
  void grams_splitIdentifiers_stemEnglish_andPairHanCharacters() {
    assertThat(grams("ConcurrentHashMap")).containsExactly("concurr", "hash", "map");
    assertThat(grams("snake_case_name")).containsExactly("snake", "case", "name");
    assertThat(grams("computeIfAbsent")).containsExactly("comput", "if", "absent");
    assertThat(grams("running tests")).containsExactly("run", "test");
    assertThat(grams("安全管理器")).containsExactly("安全", "全管", "管理", "理器");
    assertThat(grams("Redis分布式锁")).containsExactly("redi", "分布", "布式", "式锁");
  }

  @Test
  void words_areSplitOnAnyUnicodeSpace() {
    assertThat(SearchQuery.words("  Redis\u3000分布式锁\tjava  "))
        .containsExactly("Redis", "分布式锁", "java");
  }

  @Test
  void queriesWithOnlyPunctuationOrNothing_findNothing_andSyntaxIsJustText() throws IOException {
    assertThat(SearchQuery.parse("", SearchQuery.Mode.COMBINED)).isEmpty();
    assertThat(SearchQuery.parse("   ", SearchQuery.Mode.COMBINED)).isEmpty();
    assertThat(SearchQuery.parse("*** ??? ", SearchQuery.Mode.COMBINED)).isEmpty();
    assertThat(SearchQuery.parse(null, SearchQuery.Mode.COMBINED)).isEmpty();

    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      BlogIndex.update(
          dir,
          List.of(
              new SearchDocument("p1", "title:java AND (x", "s", "c", List.of(), Instant.EPOCH)),
          List.of());
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        // Lucene query syntax is not interpreted: these are words to find.
        assertThat(
                BlogIndex.matchingIds(reader, "title:java AND (x", SearchQuery.Mode.COMBINED, 10))
            .containsExactly("p1");
        assertThat(BlogIndex.matchingIds(reader, "NOT java", SearchQuery.Mode.COMBINED, 10))
            .isEmpty();
      }
    }
  }

  @Test
  void aVeryLongQuery_isCutAndStillAnswered() {
    String longQuery = "分布式锁 ".repeat(1_000);
    assertThat(SearchQuery.parse(longQuery, SearchQuery.Mode.COMBINED)).isPresent();
  }
}
