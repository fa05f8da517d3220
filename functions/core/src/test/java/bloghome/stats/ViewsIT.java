package bloghome.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.stats.StatsFixtures.CrashAfterWrite;
import bloghome.stats.StatsFixtures.SimulatedCrash;
import bloghome.testing.BlogTable;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What users rely on about views, once the table's stream has been applied to the counters by the
 * aggregator's use case (fed by the local event source mapping with the template's settings, the
 * batching window shortened).
 */
@ExtendWith(LocalAwsExtension.class)
class ViewsIT {
  private static final Clock DAY_ONE =
      Clock.fixed(Instant.parse("2026-11-29T23:59:00Z"), ZoneOffset.UTC);
  private static final Clock DAY_TWO =
      Clock.fixed(Instant.parse("2026-11-30T00:01:00Z"), ZoneOffset.UTC);
  private static final BigInteger STEP = BigInteger.TEN.pow(24);

  private LocalAws aws;
  private String table;
  private BlogTable fixtures;
  private StreamEventSource aggregator;

  /** A person whose key is already a hash; the day is part of the marker key anyway. */
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

  private static final Views.Visitor BOT =
      new Views.Visitor() {
        @Override
        public boolean countable() {
          return false;
        }

        @Override
        public String key(LocalDate day) {
          throw new AssertionError("a bot's key is never needed");
        }
      };

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
    this.fixtures = new BlogTable(aws.dynamoDbClient(), table);
    fixtures.post("p_1", "alice");
    ViewCounting counting =
        new ViewCounting(new DynamoDbViewCounterStore(aws.dynamoDbClient(), table));
    this.aggregator =
        aws.streamEventSource(
            "ViewsAggregatorFunction",
            table,
            (event, context) ->
                counting.apply(
                    "shard-under-test",
                    event.getRecords().stream().map(ViewMarkerRecords::marker).toList()),
            t -> t.withBatchingWindow(0));
  }

  @AfterEach
  void stopAggregator() {
    aggregator.close();
  }

  /** Waits until the counters show every view recorded so far. */
  private void settle() {
    aggregator.awaitSettled(Duration.ofSeconds(60));
  }

  private Views views(DynamoDbClient dynamoDb, Clock clock) {
    return new Views(
        new DynamoDbPostDirectory(dynamoDb, table), new DynamoDbViewStore(dynamoDb, table), clock);
  }

  private static boolean anonymous(Views views, String postId, Views.Visitor visitor) {
    return views.record(postId, visitor, Optional::empty);
  }

  @Test
  void record_addsExactlyN_forNConcurrentDistinctVisitors() throws Exception {
    Views views = views(aws.dynamoDbClient(), DAY_ONE);
    int visitors = 200;

    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < visitors; i++) {
        String id = "visitor-" + i;
        results.add(pool.submit(() -> anonymous(views, "p_1", new Person(id))));
      }
    }

    assertThat(results).allSatisfy(r -> assertThat(r.get()).isTrue());
    settle();
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(visitors);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(visitors);
    assertThat(fixtures.viewRank("p_1"))
        .isEqualTo(
            BlogTable.initialViewRank(Instant.parse("2026-11-01T08:00:00Z"))
                .add(STEP.multiply(BigInteger.valueOf(visitors))));
  }

  @Test
  void record_countsOnce_whenTheSameVisitorComes20TimesConcurrently() throws Exception {
    Views views = views(aws.dynamoDbClient(), DAY_ONE);

    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        results.add(pool.submit(() -> anonymous(views, "p_1", new Person("same"))));
      }
    }

    long counted = results.stream().filter(ViewsIT::get).count();
    assertThat(counted).isEqualTo(1);
    settle();
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(1);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(1);
  }

  @Test
  void record_countsAgain_onTheNextUtcDay() {
    assertThat(anonymous(views(aws.dynamoDbClient(), DAY_ONE), "p_1", new Person("v"))).isTrue();
    assertThat(anonymous(views(aws.dynamoDbClient(), DAY_ONE), "p_1", new Person("v"))).isFalse();

    assertThat(anonymous(views(aws.dynamoDbClient(), DAY_TWO), "p_1", new Person("v"))).isTrue();

    settle();
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(2);
  }

  @Test
  void record_doesNotCount_botsOrTheAuthorThemself_andWritesNothing() {
    Views views = views(aws.dynamoDbClient(), DAY_ONE);

    boolean bot = anonymous(views, "p_1", BOT);
    boolean author = views.record("p_1", new Person("a"), () -> Optional.of("alice"));
    boolean reader = views.record("p_1", new Person("b"), () -> Optional.of("bob"));

    assertThat(bot).isFalse();
    assertThat(author).isFalse();
    assertThat(reader).isTrue();
    settle();
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(1);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(1);
  }

  @Test
  void record_is404_forAnUnknownMalformedOrDeletedPost() {
    Views views = views(aws.dynamoDbClient(), DAY_ONE);
    assertThat(anonymous(views, "p_1", new Person("v1"))).isTrue();
    settle();
    fixtures.deletePost("p_1");

    for (String postId : List.of("p_nope", "p_1", "bad#id", "x".repeat(200))) {
      assertThatThrownBy(() -> anonymous(views, postId, new Person("v2")))
          .as(postId)
          .isInstanceOfSatisfying(
              Problem.class, p -> assertThat(p.code()).isEqualTo("POST_NOT_FOUND"));
    }
    // The deleted post's profile counter did not move, and no summary was recreated by ADD.
    settle();
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(1);
    assertThat(aws.dynamoDbClient().scan(r -> r.tableName(table)).items())
        .noneMatch(i -> i.get("pk").s().equals("POST#p_1"));
  }

  @Test
  void record_endsExact_whenRetriedAfterACrashFollowingAnyWrite() {
    int posts = 0;
    for (int crashAfter = 1; ; crashAfter++) {
      posts++;
      String postId = "p_crash" + crashAfter;
      fixtures.post(postId, "carol");
      CrashAfterWrite crash = new CrashAfterWrite(crashAfter);
      Views crashing = views(aws.dynamoDb(crash), DAY_ONE);

      boolean crashed = false;
      try {
        anonymous(crashing, postId, new Person("v"));
      } catch (SimulatedCrash e) {
        crashed = true;
      }
      Views healthy = views(aws.dynamoDbClient(), DAY_ONE);
      anonymous(healthy, postId, new Person("v"));
      anonymous(healthy, postId, new Person("v"));

      settle();
      assertThat(fixtures.postCounter(postId, "views"))
          .as("crash after write " + crashAfter)
          .isEqualTo(1);
      if (!crashed) {
        assertThat(crashAfter).as("at least one write step was crashed").isGreaterThan(1);
        break;
      }
    }
    // One view of each of carol's posts, however the attempts were cut short.
    assertThat(fixtures.profileCounter("carol", "views")).isEqualTo(posts);
  }

  @Test
  void aCountedView_makesExactlyOneDynamoDbWriteRequest_onTheRequestPath() {
    ViewCountingIT.CallCounter calls = new ViewCountingIT.CallCounter();
    Views views = views(aws.dynamoDb(calls), DAY_ONE);

    assertThat(anonymous(views, "p_1", new Person("once"))).isTrue();
    assertThat(calls.writeRequests()).isEqualTo(1);
    assertThat(calls.reads()).isEqualTo(1);

    calls.reset();
    assertThat(anonymous(views, "p_1", new Person("once"))).isFalse();
    assertThat(calls.writeRequests()).isEqualTo(1);
  }

  private static boolean get(Future<Boolean> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
