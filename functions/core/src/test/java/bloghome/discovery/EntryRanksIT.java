package bloghome.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.JsonObject;
import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Post;
import bloghome.posts.Publishing;
import bloghome.stats.DynamoDbPostDirectory;
import bloghome.stats.DynamoDbViewCounterStore;
import bloghome.stats.DynamoDbViewStore;
import bloghome.stats.ViewCounting;
import bloghome.stats.ViewMarkerRecords;
import bloghome.stats.Views;
import bloghome.table.DiscoveryItems;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import bloghome.table.ViewRank;
import bloghome.time.Timestamps;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Category, tag and archive pages by views against the local stack: views go through the real
 * marker, the aggregator's use case and the rank consumer's use case, each fed by the local event
 * source mapping with the template's filter (batching window shortened). No storage is mocked.
 */
@ExtendWith(LocalAwsExtension.class)
class EntryRanksIT {
  private static final Caller ALICE = new Caller("alice", Set.of());

  private String table;
  private Publishing publishing;
  private Discovery discovery;
  private DiscoveryStore store;
  private EntryRanks ranks;
  private Views views;
  private StreamEventSource aggregator;
  private StreamEventSource ranker;
  private int visitors;

  private record Person(String id) implements Views.Visitor {
    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public String key(LocalDate day) {
      return id;
    }
  }

  @BeforeEach
  void setUp(LocalAws aws) {
    table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    publishing = new Publishing(new DynamoDbPostStore(aws.dynamoDbClient(), table, clock), clock);
    store = new DynamoDbDiscoveryStore(aws.dynamoDbClient(), table);
    discovery = new Discovery(store, CursorCodec.withoutExpiry("ranks-test-key-0123456789abcdef"));
    ranks = new EntryRanks(store);
    views =
        new Views(
            new DynamoDbPostDirectory(aws.dynamoDbClient(), table),
            new DynamoDbViewStore(aws.dynamoDbClient(), table),
            clock);
    ViewCounting counting =
        new ViewCounting(new DynamoDbViewCounterStore(aws.dynamoDbClient(), table));
    aggregator =
        aws.streamEventSource(
            "ViewsAggregatorFunction",
            table,
            (event, context) ->
                counting.apply(
                    "shard-under-test",
                    event.getRecords().stream().map(ViewMarkerRecords::marker).toList()),
            t -> t.withBatchingWindow(0));
    ranker =
        aws.streamEventSource(
            "EntryRanksFunction",
            table,
            (event, context) -> ranks.apply(event.getRecords()),
            t -> t.withBatchingWindow(0));
  }

  @AfterEach
  void stop() {
    aggregator.close();
    ranker.close();
  }

  @Test
  void aViewFlush_reordersATagPage_byViews() {
    Post a = create("A", List.of("Java"));
    Post b = create("B", List.of("Java"));
    view(a, 2);
    settle();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("A", "B");
    assertThat(titles(Kind.TAG, "Java", Order.NEWEST)).containsExactly("B", "A");

    view(b, 3);
    settle();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("B", "A");
    assertThat(titles(Kind.CATEGORY, "后端", Order.VIEWS)).containsExactly("B", "A");
    String month = DiscoveryItems.month(a.summary().publishedAt());
    assertThat(titles(Kind.MONTH, month, Order.VIEWS)).containsExactly("B", "A");
    assertThat(discovery.page(Kind.TAG, "alice", "Java", Order.VIEWS, 10, Optional.empty()).total())
        .isEqualTo(2);
    // Newest first is unchanged.
    assertThat(titles(Kind.TAG, "Java", Order.NEWEST)).containsExactly("B", "A");
  }

  @Test
  void byViews_pagesWithItsCursor_andExactTotalOnEveryPage() {
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posts.add(create("P" + i, List.of("paged")));
    }
    view(posts.get(1), 3);
    view(posts.get(3), 1);
    settle();
    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Discovery.IndexPage page = discovery.page(Kind.TAG, "alice", "paged", Order.VIEWS, 2, cursor);
      assertThat(page.total()).isEqualTo(5);
      page.posts().forEach(p -> seen.add(p.title()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    assertThat(seen).containsExactly("P1", "P3", "P4", "P2", "P0");
  }

  @Test
  void aLateRankUpdate_neverRecreatesTheEntryOfADeletedOrUnlistedPost() {
    Post gone = create("Gone", List.of("Java"));
    Post hidden = create("Hidden", List.of("Java"));
    Post kept = create("Kept", List.of("Java"));
    publishing.delete(ALICE, gone.postId());
    Map<String, Object> edit = body("Hidden", List.of("Java"));
    edit.put("visibility", "private");
    publishing.update(ALICE, hidden.postId(), JsonObject.of(edit, "body"));
    settle();

    BigInteger high = rank(1_000, gone);
    EntryRanks.Report report =
        ranks.apply(List.of(summaryRecord(gone, high), summaryRecord(hidden, rank(1_000, hidden))));

    assertThat(report.entriesChanged()).isZero();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("Kept");
    assertThat(titles(Kind.TAG, "Java", Order.NEWEST)).containsExactly("Kept");
    assertThat(discovery.page(Kind.TAG, "alice", "Java", Order.VIEWS, 10, Optional.empty()).total())
        .isEqualTo(1);
    assertThat(kept.postId()).isNotBlank();
  }

  @Test
  void aReplayedRecord_isHarmless_andAnOlderOneNeverLowersARank() {
    Post a = create("A", List.of("Java"));
    Post b = create("B", List.of("Java"));
    view(b, 2);
    settle();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("B", "A");

    // The record of B's current rank again, and one from before its views (older), and A's own.
    EntryRanks.Report report =
        ranks.apply(
            List.of(
                summaryRecord(b, rank(2, b)),
                summaryRecord(a, rank(0, a)),
                summaryRecord(b, rank(0, b)),
                summaryRecord(b, rank(2, b))));
    assertThat(report.entriesChanged()).isZero();
    EntryRanks.Report older = ranks.apply(List.of(summaryRecord(b, rank(0, b))));
    assertThat(older.entriesChanged()).isZero();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("B", "A");
    assertThat(discovery.page(Kind.TAG, "alice", "Java", Order.VIEWS, 10, Optional.empty()).total())
        .isEqualTo(2);
  }

  @Test
  void aRecordFromBeforeADateChange_doesNotApply_toTheEntriesWrittenAfterIt() {
    Post a = create("A", List.of("Java"));
    Post b = create("B", List.of("Java"));
    // A summary record of A carrying another publication time (the post's date before an edit
    // moved it) and a rank far above: the entries were written for the current date.
    Instant before = a.summary().publishedAt().plus(Duration.ofDays(30));
    EntryRanks.Report report =
        ranks.apply(List.of(summaryRecord(a, before, ViewRank.of(1_000, before, a.postId()))));
    assertThat(report.entriesChanged()).isZero();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("B", "A");
    // The same rank with the current date applies.
    assertThat(ranks.apply(List.of(summaryRecord(a, rank(1_000, a)))).entriesChanged())
        .isEqualTo(3);
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("A", "B");
    assertThat(b.postId()).isNotBlank();
  }

  @Test
  void anEdit_keepsTheRankItsViewsGave() {
    Post a = create("A", List.of("Java"));
    create("B", List.of("Java"));
    view(a, 2);
    settle();
    publishing.update(ALICE, a.postId(), JsonObject.of(body("A2", List.of("Java", "Go")), "body"));
    settle();
    assertThat(titles(Kind.TAG, "Java", Order.VIEWS)).containsExactly("A2", "B");
    assertThat(titles(Kind.TAG, "Go", Order.VIEWS)).containsExactly("A2");
  }

  // ------------------------------------------------------------ helpers

  private void view(Post post, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(views.record(post.postId(), new Person("v" + visitors++), Optional::empty))
          .isTrue();
    }
  }

  /** The views applied to the counters, then the summaries' changes to the entries. */
  private void settle() {
    aggregator.awaitSettled(Duration.ofSeconds(60));
    ranker.awaitSettled(Duration.ofSeconds(60));
  }

  private static BigInteger rank(long views, Post post) {
    return ViewRank.of(views, post.summary().publishedAt(), post.postId());
  }

  /** A summary's stream record as Lambda delivers it (NEW_IMAGE of a listed post). */
  private static DynamodbEvent.DynamodbStreamRecord summaryRecord(Post post, BigInteger rank) {
    return summaryRecord(post, post.summary().publishedAt(), rank);
  }

  private static DynamodbEvent.DynamodbStreamRecord summaryRecord(
      Post post, Instant publishedAt, BigInteger rank) {
    Map<String, AttributeValue> image = new LinkedHashMap<>();
    image.put(
        PostSummaryItems.PUBLISHED_AT, new AttributeValue().withS(Timestamps.format(publishedAt)));
    image.put(TableKeys.PK, new AttributeValue().withS(TableKeys.postPk(post.postId())));
    image.put(TableKeys.SK, new AttributeValue().withS(TableKeys.SUMMARY));
    image.put(PostSummaryItems.POST_ID, new AttributeValue().withS(post.postId()));
    image.put(TableKeys.LIST_PK, new AttributeValue().withS(TableKeys.userPk("alice")));
    image.put(TableKeys.VIEW_RANK, new AttributeValue().withN(rank.toString()));
    StreamRecord change = new StreamRecord();
    change.setNewImage(image);
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName("MODIFY");
    record.setDynamodb(change);
    return record;
  }

  private List<String> titles(Kind kind, String name, Order order) {
    return discovery.page(kind, "alice", name, order, 100, Optional.empty()).posts().stream()
        .map(Listed::title)
        .toList();
  }

  private Post create(String title, List<String> tags) {
    return publishing
        .create(ALICE, "alice", JsonObject.of(body(title, tags), "body"), Optional.empty())
        .post();
  }

  private static Map<String, Object> body(String title, List<String> tags) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("content", "Body of " + title);
    m.put("tags", tags);
    m.put("categories", List.of("后端"));
    return m;
  }
}
