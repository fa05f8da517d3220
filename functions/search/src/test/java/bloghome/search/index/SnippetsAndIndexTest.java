package bloghome.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.search.index.SearchHit.Segment;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SnippetsAndIndexTest {
  private static SearchDocument post(String id, String title, String content) {
    return new SearchDocument(id, title, "", content, List.of("java"), Instant.EPOCH);
  }

  @Test
  void theHitInsideALongerChineseWord_isMarkedExactly() {
    SearchQuery query = SearchQuery.parse("安全", SearchQuery.Mode.COMBINED).orElseThrow();
    assertThat(Snippets.whole("Java 安全管理器", query))
        .containsExactly(
            new Segment("Java ", false), new Segment("安全", true), new Segment("管理器", false));
  }

  @Test
  void anIdentifierPart_isMarked_andHtmlStaysPlainTextInTheRuns() {
    SearchQuery query = SearchQuery.parse("HashMap", SearchQuery.Mode.COMBINED).orElseThrow();
    List<Segment> runs = Snippets.whole("<b>new ConcurrentHashMap</b>", query);
    assertThat(runs)
        .containsExactly(
            new Segment("<b>new Concurrent", false),
            new Segment("HashMap", true),
            new Segment("</b>", false));
    assertThat(String.join("", runs.stream().map(Segment::text).toList()))
        .isEqualTo("<b>new ConcurrentHashMap</b>");
  }

  @Test
  void aSnippet_isAWindowAroundTheHits_withEllipses() {
    String content = "开头。".repeat(200) + "这里讲 Redis 分布式锁。" + "结尾。".repeat(200);
    SearchQuery query = SearchQuery.parse("分布式锁", SearchQuery.Mode.COMBINED).orElseThrow();
    List<Segment> snippet = Snippets.window(content, query);
    assertThat(snippet.get(0).text()).isEqualTo("…");
    assertThat(snippet.get(snippet.size() - 1).text()).isEqualTo("…");
    assertThat(snippet).contains(new Segment("分布式锁", true));
    int length = snippet.stream().mapToInt(s -> s.text().length()).sum();
    assertThat(length).isLessThanOrEqualTo(Snippets.WINDOW + 2);
  }

  @Test
  void updates_replaceAndDelete_andTheArchiveRoundTrips() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      BlogIndex.update(
          dir, List.of(post("p1", "Redis 分布式锁", "x"), post("p2", "ZooKeeper", "y")), List.of());
      BlogIndex.update(dir, List.of(post("p1", "Kafka 消费者", "x")), List.of("p2"));
      byte[] archive = IndexArchive.pack(dir);
      try (ByteBuffersDirectory copy = new ByteBuffersDirectory()) {
        IndexArchive.unpack(archive, copy);
        try (DirectoryReader reader = DirectoryReader.open(copy)) {
          assertThat(reader.numDocs()).isEqualTo(1);
          assertThat(BlogIndex.matchingIds(reader, "Kafka", SearchQuery.Mode.COMBINED, 10))
              .containsExactly("p1");
          assertThat(BlogIndex.matchingIds(reader, "Redis", SearchQuery.Mode.COMBINED, 10))
              .isEmpty();
          assertThat(BlogIndex.matchingIds(reader, "ZooKeeper", SearchQuery.Mode.COMBINED, 10))
              .isEmpty();
        }
      }
    }
  }

  @Test
  void theTotal_isExact_pastAThousandMatches() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      BlogIndex.update(
          dir,
          IntStream.range(0, 1_500).mapToObj(i -> post("p" + i, "分布式锁 " + i, "")).toList(),
          List.of());
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertThat(BlogIndex.search(reader, "分布式锁", 1, 10, SearchQuery.Mode.COMBINED).total())
            .isEqualTo(1_500);
      }
    }
  }

  @Test
  void resultsArePaged_withTheTotal() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      List<SearchDocument> posts =
          IntStream.range(0, 25).mapToObj(i -> post("p" + i, "线程池 第" + i + "篇", "内容")).toList();
      BlogIndex.update(dir, posts, List.of());
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        SearchResults page3 = BlogIndex.search(reader, "线程池", 3, 10, SearchQuery.Mode.COMBINED);
        assertThat(page3.total()).isEqualTo(25);
        assertThat(page3.hits()).hasSize(5);
        assertThat(page3.hasNext()).isFalse();
        assertThat(BlogIndex.search(reader, "线程池", 1, 10, SearchQuery.Mode.COMBINED).hasNext())
            .isTrue();
      }
    }
  }
}
