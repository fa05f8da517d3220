package bloghome.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import bloghome.auth.Caller;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Importer;
import bloghome.posts.Post;
import bloghome.posts.Publishing;
import bloghome.table.DiscoveryItems;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Total;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The category, tag and archive entries and their totals against the local stack's DynamoDB, on
 * every write of a post: each total must equal the number of entries its page lists.
 */
@ExtendWith(LocalAwsExtension.class)
class DiscoveryCountsIT {
  private static final Caller ALICE = new Caller("alice", Set.of());

  private Publishing publishing;
  private Importer importer;
  private Discovery discovery;

  @BeforeEach
  void freshTable(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    DynamoDbPostStore posts = new DynamoDbPostStore(aws.dynamoDbClient(), table, clock);
    publishing = new Publishing(posts, clock);
    importer = new Importer(posts, clock);
    discovery =
        new Discovery(
            new DynamoDbDiscoveryStore(aws.dynamoDbClient(), table),
            CursorCodec.withoutExpiry("discovery-test-key-0123456789abcdef"));
  }

  @Test
  void create_edit_delete_keepEveryTotalEqualToItsEntries() {
    Post a = create("A", List.of("Java", "并发"), List.of("后端"));
    Post b = create("B", List.of("Java"), List.of("后端", "笔记"));
    String month = DiscoveryItems.month(a.summary().publishedAt());

    assertTotals(Kind.TAG, Map.of("Java", 2L, "并发", 1L));
    assertTotals(Kind.CATEGORY, Map.of("后端", 2L, "笔记", 1L));
    assertTotals(Kind.MONTH, Map.of(month, 2L));
    assertThat(titles(Kind.TAG, "Java")).containsExactly("B", "A");

    // an edit that drops one tag, adds another, keeps a category and renames the title
    publishing.update(ALICE, a.postId(), body("A2", List.of("并发", "Go"), List.of("后端")));
    assertTotals(Kind.TAG, Map.of("Java", 1L, "并发", 1L, "Go", 1L));
    assertThat(titles(Kind.TAG, "并发")).containsExactly("A2");
    assertThat(titles(Kind.CATEGORY, "后端")).containsExactly("B", "A2");

    publishing.delete(ALICE, b.postId());
    assertTotals(Kind.TAG, Map.of("并发", 1L, "Go", 1L));
    assertTotals(Kind.CATEGORY, Map.of("后端", 1L));
    assertTotals(Kind.MONTH, Map.of(month, 1L));
    assertThat(titles(Kind.TAG, "Java")).isEmpty();
    assertThat(discovery.page(Kind.TAG, "alice", "Java", 10, Optional.empty()).total()).isZero();
  }

  @Test
  void import_andReimportWithAnotherDate_moveTheMonthAndTags() {
    importer.importPosts(ALICE, "alice", imported("2024-03-05T10:00:00Z", List.of("x", "y")));
    assertTotals(Kind.MONTH, Map.of("2024-03", 1L));
    assertTotals(Kind.TAG, Map.of("x", 1L, "y", 1L));

    // 23:59 UTC on 31 January is 1 February in China Standard Time, the zone pages show
    importer.importPosts(ALICE, "alice", imported("2025-01-31T23:59:59Z", List.of("y")));
    assertTotals(Kind.MONTH, Map.of("2025-02", 1L));
    assertTotals(Kind.TAG, Map.of("y", 1L));
    assertThat(titles(Kind.MONTH, "2025-02")).containsExactly("Imported");
    assertThat(titles(Kind.MONTH, "2024-03")).isEmpty();
  }

  @Test
  void pages_areNewestFirst_withTheExactTotalOnEveryPage() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create("P" + i, List.of("paged"), List.of()).summary().title());
    }
    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Discovery.IndexPage page = discovery.page(Kind.TAG, "alice", "paged", 3, cursor);
      assertThat(page.total()).isEqualTo(7);
      page.posts().forEach(p -> seen.add(p.title()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    assertThat(seen).containsExactlyElementsOf(created.reversed());
  }

  @Test
  void concurrentEdits_ofOnePost_leaveTotalsEqualToTheEntries() throws Exception {
    Post post = create("Racy", List.of("t0"), List.of("c0"));
    List<List<String>> tagSets =
        List.of(
            List.of("t1", "t2"),
            List.of("t2", "t3"),
            List.of("t0"),
            List.of("t3", "t4", "t1"),
            List.of("t5"),
            List.of("t1"));
    ExecutorService pool = Executors.newFixedThreadPool(tagSets.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (List<String> tags : tagSets) {
          futures.add(
              pool.submit(
                  () ->
                      publishing.update(
                          ALICE, post.postId(), body("Racy", tags, List.of("c" + tags.size())))));
        }
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // POST_BUSY after five lost races is an honest answer; the totals must still add up.
          assertThat(e.getCause()).hasMessageContaining("kept changing");
        }
      }
    } finally {
      pool.shutdown();
    }
    for (Kind kind : List.of(Kind.TAG, Kind.CATEGORY, Kind.MONTH)) {
      for (Total t : discovery.sidebarTotals("alice", kind)) {
        assertThat(t.count()).as(kind + " " + t.name()).isEqualTo(titles(kind, t.name()).size());
      }
    }
    long tagsOnPages =
        discovery.sidebarTotals("alice", Kind.TAG).stream().mapToLong(Total::count).sum();
    assertThat(tagsOnPages).isBetween(1L, 3L);
    assertTotalsMatchEveryPage();
  }

  @Test
  void categories_followTheAuthorsOrder_thenUsedOnesByName() {
    create("A", List.of(), List.of("zeta", "alpha"));
    create("B", List.of(), List.of("beta"));
    discovery.saveCategories(
        ALICE, "alice", JsonObject.of(Map.of("categories", List.of("beta", "empty")), "body"));

    assertThat(discovery.categories("alice"))
        .extracting(Total::name, Total::count)
        .containsExactly(
            tuple("beta", 1L), tuple("empty", 0L), tuple("alpha", 1L), tuple("zeta", 1L));
  }

  // ------------------------------------------------------------ helpers

  private void assertTotalsMatchEveryPage() {
    for (Kind kind : Kind.values()) {
      for (Total t : discovery.sidebarTotals("alice", kind)) {
        assertThat(discovery.page(kind, "alice", t.name(), 50, Optional.empty()).total())
            .isEqualTo(t.count());
      }
    }
  }

  private void assertTotals(Kind kind, Map<String, Long> expected) {
    Map<String, Long> actual = new HashMap<>();
    for (Total t : discovery.sidebarTotals("alice", kind)) {
      actual.put(t.name(), t.count());
    }
    assertThat(actual).isEqualTo(expected);
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      assertThat((long) titles(kind, e.getKey()).size()).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertTotalsMatchEveryPage();
  }

  private List<String> titles(Kind kind, String name) {
    return discovery.page(kind, "alice", name, 100, Optional.empty()).posts().stream()
        .map(Listed::title)
        .toList();
  }

  private Post create(String title, List<String> tags, List<String> categories) {
    return publishing
        .create(ALICE, "alice", body(title, tags, categories), Optional.empty())
        .post();
  }

  private static JsonObject body(String title, List<String> tags, List<String> categories) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("content", "Body of " + title);
    m.put("tags", tags);
    m.put("categories", categories);
    return JsonObject.of(m, "body");
  }

  private static JsonObject imported(String publishedAt, List<String> tags) {
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("sourceId", "csdn-1");
    post.put("title", "Imported");
    post.put("content", "Imported body");
    post.put("publishedAt", publishedAt);
    post.put("tags", tags);
    return JsonObject.of(Map.of("posts", List.of(post)), "body");
  }
}
