package bloghome.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.auth.Caller;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Post;
import bloghome.posts.PostStore;
import bloghome.posts.Publishing;
import bloghome.posts.StudioQuery;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.DiscoveryItems.Total;
import bloghome.table.TableKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backfill against the local stack's DynamoDB: posts stripped back to the shape the code wrote
 * before the discovery and studio changes get their entries, totals and studio keys, exactly, when
 * the backfill runs once, twice, or is interrupted mid-way and run again.
 */
@ExtendWith(LocalAwsExtension.class)
class PostBackfillIT {
  private static final Caller ALICE = new Caller("alice", Set.of());
  private static final Instant FAR = Instant.parse("2999-01-01T00:00:00Z");

  private DynamoDbClient dynamo;
  private String table;
  private DynamoDbPostStore posts;
  private Publishing publishing;
  private Discovery discovery;
  private DynamoDbMigrationStore states;

  @BeforeEach
  void freshTable(LocalAws aws) {
    dynamo = aws.dynamoDbClient();
    table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    posts = new DynamoDbPostStore(dynamo, table, clock);
    publishing = new Publishing(posts, clock);
    discovery =
        new Discovery(
            new DynamoDbDiscoveryStore(dynamo, table),
            CursorCodec.withoutExpiry("discovery-test-key-0123456789abcdef"));
    states = new DynamoDbMigrationStore(dynamo, table);
  }

  @Test
  void oldPosts_getTheirEntriesTotalsAndStudioKeys_onceAndExactly() {
    List<Post> created = seedTwelve();
    Map<Kind, Map<String, Long>> expected = allTotals();
    assertThat(expected.get(Kind.TAG)).containsEntry("Java", 6L);
    toOldShape(created);
    assertThat(allTotals().values()).allMatch(Map::isEmpty);
    assertThat(studioTitles()).isEmpty();

    PostBackfill backfill = backfill(posts);
    backfill.start("b1");
    assertThat(backfill.run("b1", FAR)).isEqualTo(PostBackfill.Outcome.DONE);
    assertExactly(expected);
    MigrationState done = backfill.state("b1").orElseThrow();
    assertThat(done.done()).isTrue();
    assertThat(done.processed()).isEqualTo(12);

    // Again: a finished migration stays finished; a new one over migrated posts changes nothing.
    assertThat(backfill.start("b1").done()).isTrue();
    assertThat(backfill.run("b1", FAR)).isEqualTo(PostBackfill.Outcome.DONE);
    backfill.start("b2");
    assertThat(backfill.run("b2", FAR)).isEqualTo(PostBackfill.Outcome.DONE);
    assertExactly(expected);
  }

  @Test
  void interruptedMidway_resumesFromItsCursor_andCountsStayExact() {
    List<Post> created = seedTwelve();
    Map<Kind, Map<String, Long>> expected = allTotals();
    toOldShape(created);

    // The runner dies on its 8th post: the pages before it are saved, its own is half done.
    PostBackfill dying = backfill(failingAfter(posts, 7));
    dying.start("b1");
    assertThatThrownBy(() -> dying.run("b1", FAR)).hasMessageContaining("runner died");
    MigrationState stopped = states.read("b1").orElseThrow();
    assertThat(stopped.done()).isFalse();
    assertThat(stopped.cursor()).isPresent();
    assertThat(stopped.processed()).isBetween(1L, 7L);

    // A budget already spent: nothing moves.
    PostBackfill backfill = backfill(posts);
    assertThat(backfill.run("b1", Instant.EPOCH)).isEqualTo(PostBackfill.Outcome.CONTINUES);
    assertThat(states.read("b1").orElseThrow().step()).isEqualTo(stopped.step());

    // A nudge (the next deploy) moves the step: a runner still holding the old state stops.
    MigrationState nudged = backfill.start("b1");
    assertThat(nudged.step()).isEqualTo(stopped.step() + 1);
    assertThat(nudged.cursor()).isEqualTo(stopped.cursor());
    assertThat(states.advance(stopped, Optional.empty(), 0, Instant.now())).isEmpty();

    assertThat(backfill.run("b1", FAR)).isEqualTo(PostBackfill.Outcome.DONE);
    assertExactly(expected);
    assertThat(states.read("b1").orElseThrow().processed()).isEqualTo(12);
  }

  /**
   * Entries and totals written before the views order (migrated by the first backfill) have no
   * ByViews keys: the next backfill gives them both, with no count moved.
   */
  @Test
  void entriesWithoutTheViewsKeys_getThem_fromTheNextBackfill() {
    seedTwelve();
    Map<Kind, Map<String, Long>> expected = allTotals();
    for (Map<String, AttributeValue> item :
        dynamo.scan(r -> r.tableName(table)).items().stream()
            .filter(
                i ->
                    i.get(TableKeys.SK).s().startsWith(TableKeys.ENTRY_PREFIX)
                        || i.get(TableKeys.SK).s().startsWith(TableKeys.TOTAL_PREFIX))
            .toList()) {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(
                      Map.of(
                          TableKeys.PK,
                          item.get(TableKeys.PK),
                          TableKeys.SK,
                          item.get(TableKeys.SK)))
                  .updateExpression("REMOVE " + TableKeys.LIST_PK + ", " + TableKeys.VIEW_RANK));
    }
    assertThat(
            discovery.page(Kind.TAG, "alice", "Java", Order.VIEWS, 100, Optional.empty()).posts())
        .isEmpty();

    PostBackfill backfill = backfill(posts);
    backfill.start("b2");
    assertThat(backfill.run("b2", FAR)).isEqualTo(PostBackfill.Outcome.DONE);
    assertExactly(expected);
  }

  @Test
  void notStarted_doesNothing() {
    assertThat(backfill(posts).run("never", FAR)).isEqualTo(PostBackfill.Outcome.NOT_STARTED);
  }

  private PostBackfill backfill(PostStore store) {
    return new PostBackfill(store, states, Clock.systemUTC(), 5);
  }

  /** Twelve posts over tags, categories and (by publication time) one month. */
  private List<Post> seedTwelve() {
    List<Post> created = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<String> tags = i % 2 == 0 ? List.of("Java", "并发") : List.of("Go");
      List<String> categories = i % 3 == 0 ? List.of("后端") : List.of("笔记", "后端");
      created.add(
          publishing
              .create(ALICE, "alice", body("Post " + i, tags, categories), Optional.empty())
              .post());
    }
    return created;
  }

  /**
   * What the code before discovery and the studio wrote: no entries, no per-list totals, and a
   * summary without status, visibility, version, title search or studio keys.
   */
  private void toOldShape(List<Post> created) {
    for (Post post : created) {
      String pk = TableKeys.postPk(post.postId());
      for (Map<String, AttributeValue> item :
          dynamo
              .query(
                  r ->
                      r.tableName(table)
                          .keyConditionExpression("pk = :pk AND begins_with(sk, :idx)")
                          .expressionAttributeValues(
                              Map.of(
                                  ":pk",
                                  AttributeValue.fromS(pk),
                                  ":idx",
                                  AttributeValue.fromS(TableKeys.ENTRY_PREFIX))))
              .items()) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(item)));
      }
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(TableKeys.key(pk, TableKeys.SUMMARY))
                  .updateExpression("REMOVE #st, visibility, version, titleSearch, gsi1pk, gsi1sk")
                  .expressionAttributeNames(Map.of("#st", "status")));
    }
    for (Map<String, AttributeValue> item :
        dynamo
            .query(
                r ->
                    r.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :t)")
                        .expressionAttributeValues(
                            Map.of(
                                ":pk",
                                AttributeValue.fromS(TableKeys.userPk("alice")),
                                ":t",
                                AttributeValue.fromS(TableKeys.TOTAL_PREFIX))))
            .items()) {
      dynamo.deleteItem(r -> r.tableName(table).key(key(item)));
    }
  }

  private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
  }

  /** A real store whose backfill write fails after {@code writes} of them (a runner dying). */
  private static PostStore failingAfter(PostStore store, int writes) {
    AtomicInteger count = new AtomicInteger();
    return (PostStore)
        Proxy.newProxyInstance(
            PostStore.class.getClassLoader(),
            new Class<?>[] {PostStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("backfill") && count.incrementAndGet() > writes) {
                throw new IllegalStateException("runner died");
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void assertExactly(Map<Kind, Map<String, Long>> expected) {
    assertThat(allTotals()).isEqualTo(expected);
    for (Kind kind : Kind.values()) {
      for (Map.Entry<String, Long> e : expected.get(kind).entrySet()) {
        List<Listed> listed =
            discovery.page(kind, "alice", e.getKey(), 100, Optional.empty()).posts();
        assertThat((long) listed.size()).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(discovery.page(kind, "alice", e.getKey(), 100, Optional.empty()).total())
            .isEqualTo(e.getValue());
        // The views order lists the same posts with the same total (the ByViews keys).
        Discovery.IndexPage byViews =
            discovery.page(kind, "alice", e.getKey(), Order.VIEWS, 100, Optional.empty());
        assertThat(byViews.total()).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(byViews.posts())
            .extracting(Listed::postId)
            .containsExactlyInAnyOrderElementsOf(listed.stream().map(Listed::postId).toList());
      }
    }
    assertThat(studioTitles()).hasSize(12);
  }

  private Map<Kind, Map<String, Long>> allTotals() {
    Map<Kind, Map<String, Long>> all = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      Map<String, Long> totals = new HashMap<>();
      for (Total t : discovery.sidebarTotals("alice", kind)) {
        totals.put(t.name(), t.count());
      }
      all.put(kind, totals);
    }
    return all;
  }

  private List<String> studioTitles() {
    return posts
        .studio(
            "alice",
            new StudioQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), 50, Optional.empty()),
            Optional.empty())
        .items()
        .stream()
        .map(s -> s.title())
        .toList();
  }

  private static JsonObject body(String title, List<String> tags, List<String> categories) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("content", "Body of " + title);
    m.put("tags", tags);
    m.put("categories", categories);
    return JsonObject.of(m, "body");
  }
}
