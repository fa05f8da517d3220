package bloghome.search.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.posts.Counters;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Post;
import bloghome.posts.PostStore;
import bloghome.posts.PostSummary;
import bloghome.posts.PostType;
import bloghome.search.Indexing;
import bloghome.search.Searching;
import bloghome.search.index.SearchHit;
import bloghome.search.index.SearchResults;
import bloghome.search.store.S3IndexStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The indexer behind the local event source mapping of template.yaml's SearchIndexerFunction (its
 * filter included) on a fresh table's stream: posts written through the post store (the same
 * transactions as the API) become searchable, edits and deletes update the index, and concurrent
 * saves of one blog's index lose nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class SearchIndexerHandlerIT {
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final String AUTHOR = "searchauthor";

  private PostStore posts;
  private S3IndexStore indexes;
  private Searching searching;
  private StreamEventSource source;

  @BeforeEach
  void setUp(LocalAws aws) throws Exception {
    String table = aws.freshTable("BlogTable");
    posts = new DynamoDbPostStore(aws.dynamoDbClient(), table, Clock.systemUTC());
    indexes = new S3IndexStore(aws.s3Client(), aws.freshBucket());
    searching = new Searching(indexes, Files.createTempDirectory("search-cache"));
    source =
        aws.streamEventSource(
            "SearchIndexerFunction",
            table,
            new SearchIndexerHandler(new Indexing(posts, indexes)),
            t -> t.withBatchingWindow(0));
  }

  @AfterEach
  void tearDown() {
    source.close();
  }

  private static Post post(String postId, String title, String content, List<String> tags) {
    Instant now = Instant.parse("2026-12-01T08:00:00Z");
    return new Post(
        new PostSummary(
            postId,
            AUTHOR,
            PostType.ORIGINAL,
            title,
            "summary of " + title,
            now,
            now,
            Counters.ZERO,
            Optional.empty()),
        content,
        Optional.empty(),
        tags);
  }

  private SearchResults awaitResults(String query, Predicate<SearchResults> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    SearchResults results = searching.search(AUTHOR, query, 1);
    while (!done.test(results) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      results = searching.search(AUTHOR, query, 1);
    }
    return results;
  }

  private static List<String> ids(SearchResults results) {
    return results.hits().stream().map(SearchHit::postId).toList();
  }

  @Test
  void aWrittenPost_becomesSearchable_anEditIsSeen_andADeleteRemovesIt() throws Exception {
    Post created =
        post("p-lock", "基于 Redis 的分布式锁", "用 SET NX PX 实现，释放时比较 value。", List.of("redis"));
    long written = System.nanoTime();
    assertThat(posts.create(created, Optional.empty())).isEqualTo(PostStore.Write.DONE);

    SearchResults found = awaitResults("分布式锁", r -> ids(r).contains("p-lock"));
    System.out.printf(
        "search index lag after a write (local stack): %d ms%n",
        Duration.ofNanos(System.nanoTime() - written).toMillis());
    assertThat(ids(found)).containsExactly("p-lock");
    assertThat(found.hits().get(0).title()).contains(new SearchHit.Segment("分布式锁", true));

    Post edited = post("p-lock", "ZooKeeper 临时顺序节点", "改用 ZooKeeper 实现。", List.of("zookeeper"));
    assertThat(posts.replace(created.summary(), edited)).isEqualTo(PostStore.Write.DONE);
    assertThat(ids(awaitResults("zookeeper", r -> ids(r).contains("p-lock"))))
        .containsExactly("p-lock");
    assertThat(ids(searching.search(AUTHOR, "Redis", 1))).isEmpty();

    assertThat(posts.delete(posts.findSummary("p-lock").orElseThrow()))
        .isEqualTo(PostStore.Write.DONE);
    assertThat(ids(awaitResults("zookeeper", r -> r.total() == 0))).isEmpty();
    assertThat(indexes.owner("p-lock")).isEmpty();
    assertThat(source.failures()).isEmpty();
  }

  @Test
  void concurrentIndexUpdatesOfOneBlog_loseNothing() throws Exception {
    // Stream shards are processed in parallel on Lambda: here the use case runs on 8 threads at
    // once for posts of the same blog (each saving with If-Match on the version it read).
    source.close();
    Indexing indexing = new Indexing(posts, indexes);
    int count = 24;
    for (int i = 0; i < count; i++) {
      posts.create(
          post("p-c" + i, "并发写入 " + i, "ConcurrentHashMap 第 " + i + " 篇", List.of()),
          Optional.empty());
    }
    List<Future<Indexing.Report>> reports = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < count; i++) {
        String postId = "p-c" + i;
        reports.add(pool.submit(() -> indexing.apply(List.of(postId))));
      }
    }
    int lost = 0;
    for (Future<Indexing.Report> report : reports) {
      lost += report.get().retries();
    }
    System.out.printf("concurrent index saves: %d posts, %d saves lost and redone%n", count, lost);
    SearchResults all = searching.search(AUTHOR, "ConcurrentHashMap", 1);
    assertThat(all.total()).isEqualTo(count);
  }

  @Test
  void aPostPageOfTheSearch_isEmpty_forABlogWithNoIndex() {
    assertThat(searching.search("nobodyhere", "anything", 1).total()).isZero();
  }
}
