package bloghome.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search test set (issue 20): the queries of queries.tsv over the blog of corpus.txt, each
 * judged against every relevant post. Recall and precision are over the first page (10 results),
 * averaged per query; a query with no relevant post counts as right when it finds nothing. The
 * figures go to docs/search.md.
 */
class SearchQualityTest {
  private static final int PAGE = 10;
  private static Directory directory;
  private static DirectoryReader reader;

  @BeforeAll
  static void index() throws IOException {
    directory = new ByteBuffersDirectory();
    BlogIndex.update(directory, TestCorpus.posts(), List.of());
    reader = DirectoryReader.open(directory);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  record Score(double recall, double precision) {}

  private static Score score(TestCorpus.Query query, SearchQuery.Mode mode) {
    List<String> found = BlogIndex.matchingIds(reader, query.text(), mode, PAGE);
    Set<String> relevant = new HashSet<>(query.expected());
    long right = found.stream().filter(relevant::contains).count();
    double recall = relevant.isEmpty() ? 1 : (double) right / relevant.size();
    double precision =
        found.isEmpty() ? (relevant.isEmpty() ? 1 : 0) : (double) right / found.size();
    return new Score(recall, precision);
  }

  private static Map<String, Score> measure(SearchQuery.Mode mode, boolean printMisses) {
    Map<String, List<Score>> byKind = new LinkedHashMap<>();
    for (TestCorpus.Query query : TestCorpus.queries()) {
      Score score = score(query, mode);
      byKind.computeIfAbsent(query.kind(), k -> new ArrayList<>()).add(score);
      byKind.computeIfAbsent("all", k -> new ArrayList<>()).add(score);
      if (printMisses && (score.recall() < 1 || score.precision() < 1)) {
        System.out.printf(
            "  %s miss: %s -> %s (expected %s)%n",
            mode,
            query.text(),
            BlogIndex.matchingIds(reader, query.text(), mode, PAGE),
            query.expected());
      }
    }
    Map<String, Score> averages = new LinkedHashMap<>();
    byKind.forEach(
        (kind, scores) ->
            averages.put(
                kind,
                new Score(
                    scores.stream().mapToDouble(Score::recall).average().orElse(0),
                    scores.stream().mapToDouble(Score::precision).average().orElse(0))));
    return averages;
  }

  @Test
  void testSet_hasAtLeastThirtyQueriesOfEveryKind() {
    List<TestCorpus.Query> queries = TestCorpus.queries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(30);
    assertThat(queries.stream().map(TestCorpus.Query::kind).distinct())
        .containsExactlyInAnyOrder("zh", "en", "mixed", "code");
  }

  @Test
  void combinedAnalysis_findsTheRelevantPosts_andLittleElse() {
    int queries = TestCorpus.queries().size();
    for (SearchQuery.Mode mode : SearchQuery.Mode.values()) {
      Map<String, Score> scores = measure(mode, true);
      scores.forEach(
          (kind, s) ->
              System.out.printf(
                  "search test set (%d queries, %d posts) %-10s %-6s recall %.3f precision %.3f%n",
                  queries, reader.numDocs(), mode, kind, s.recall(), s.precision()));
    }
    Map<String, Score> combined = measure(SearchQuery.Mode.COMBINED, false);
    assertThat(combined.get("all").recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(combined.get("all").precision()).isGreaterThanOrEqualTo(0.9);
    for (String kind : List.of("zh", "en", "mixed", "code")) {
      assertThat(combined.get(kind).recall()).as(kind).isGreaterThanOrEqualTo(0.9);
    }
  }
}
