package bloghome.stats;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.BlogTable;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The aggregator's use case on the real stream of the local DynamoDB: every marker is added once,
 * however batches are delivered again, cut differently, crashed after their transaction or poisoned
 * by a record that is not a marker.
 */
@ExtendWith(LocalAwsExtension.class)
class ViewCountingIT {
  private static final LocalDate DAY = LocalDate.parse("2026-11-29");
  private static final String SHARD = "shard-under-test";

  private LocalAws aws;
  private String table;
  private BlogTable fixtures;
  private final List<StreamEventSource> sources = new ArrayList<>();
  private final CallCounter calls = new CallCounter();

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
    this.fixtures = new BlogTable(aws.dynamoDbClient(), table);
  }

  @AfterEach
  void stop() {
    sources.forEach(StreamEventSource::close);
  }

  private ViewCounting counting() {
    return new ViewCounting(new DynamoDbViewCounterStore(aws.dynamoDb(calls), table));
  }

  private RequestHandler<DynamodbEvent, Void> handler(ViewCounting counting) {
    return (event, context) -> {
      counting.apply(SHARD, event.getRecords().stream().map(ViewMarkerRecords::marker).toList());
      return null;
    };
  }

  private StreamEventSource source(
      RequestHandler<DynamodbEvent, ?> handler, UnaryOperator<SamTemplate.StreamTrigger> adjust) {
    StreamEventSource source =
        aws.streamEventSource("ViewsAggregatorFunction", table, handler, adjust);
    sources.add(source);
    return source;
  }

  private void view(String postId, String authorId, String visitor) {
    assertThat(
            new DynamoDbViewStore(aws.dynamoDbClient(), table)
                .record(postId, authorId, DAY, visitor))
        .isEqualTo(ViewStore.Outcome.COUNTED);
  }

  @Test
  void aBatchDeliveredAgain_afterItWasApplied_addsNothing() {
    fixtures.post("p_1", "alice");
    List<DynamodbEvent> delivered = new CopyOnWriteArrayList<>();
    ViewCounting counting = counting();
    RequestHandler<DynamodbEvent, Void> apply = handler(counting);
    StreamEventSource source =
        source(
            (e, c) -> {
              delivered.add(e);
              return apply.handleRequest(e, c);
            },
            t -> t.withBatchingWindow(0));
    for (int i = 0; i < 30; i++) {
      view("p_1", "alice", "v" + i);
    }
    source.awaitSettled(Duration.ofSeconds(60));
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(30);

    // Lambda delivers at least once: the same batches again, whole and cut in other places.
    delivered.forEach(e -> apply.handleRequest(e, null));
    List<DynamodbEvent.DynamodbStreamRecord> all =
        delivered.stream().flatMap(e -> e.getRecords().stream()).toList();
    for (int cut = 1; cut < all.size(); cut += 7) {
      DynamodbEvent tail = new DynamodbEvent();
      tail.setRecords(new ArrayList<>(all.subList(cut, all.size())));
      apply.handleRequest(tail, null);
    }

    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(30);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(30);
    assertThat(fixtures.viewRank("p_1"))
        .isEqualTo(
            BlogTable.initialViewRank(Instant.parse("2026-11-01T08:00:00Z"))
                .add(BigInteger.TEN.pow(24).multiply(BigInteger.valueOf(30))));
  }

  @Test
  void aCrashAfterTheTransaction_andBeforeLambdaHasTheAnswer_isRetriedWithoutCountingTwice() {
    fixtures.post("p_1", "alice");
    fixtures.post("p_2", "bob");
    ViewCounting counting = counting();
    AtomicInteger crashes = new AtomicInteger();
    StreamEventSource source =
        source(
            (event, context) -> {
              counting.apply(
                  SHARD, event.getRecords().stream().map(ViewMarkerRecords::marker).toList());
              if (crashes.getAndIncrement() < 2) {
                throw new IllegalStateException(
                    "simulated crash after the transaction, before the answer");
              }
              return null;
            },
            t -> t.withBatchingWindow(1));
    for (int i = 0; i < 20; i++) {
      view(i % 2 == 0 ? "p_1" : "p_2", i % 2 == 0 ? "alice" : "bob", "v" + i);
    }

    source.awaitSettled(Duration.ofSeconds(60));

    assertThat(crashes.get()).isGreaterThan(2);
    assertThat(source.failures()).isEmpty();
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(10);
    assertThat(fixtures.postCounter("p_2", "views")).isEqualTo(10);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(10);
    assertThat(fixtures.profileCounter("bob", "views")).isEqualTo(10);
  }

  @Test
  void aPoisonRecord_isBisectedToTheFailureQueue_andTheMarkersAroundItAreAllCounted() {
    fixtures.post("p_1", "alice");
    StreamEventSource source = source(handler(counting()), t -> t.withBatchingWindow(1));
    for (int i = 0; i < 10; i++) {
      view("p_1", "alice", "before" + i);
    }
    // A marker-shaped item without its post: the filter lets it through, the aggregator cannot
    // count it.
    aws.dynamoDbClient()
        .putItem(
            r ->
                r.tableName(table)
                    .item(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("VIEW#p_1#2026-11-29#broken"),
                            "sk",
                            AttributeValue.fromS("VIEW"),
                            "authorId",
                            AttributeValue.fromS("alice"))));
    for (int i = 0; i < 10; i++) {
      view("p_1", "alice", "after" + i);
    }

    source.awaitSettled(Duration.ofSeconds(60));
    for (int i = 0; i < 5; i++) {
      view("p_1", "alice", "later" + i);
    }
    source.awaitSettled(Duration.ofSeconds(60));

    assertThat(source.failures()).hasSize(1);
    assertThat(source.failures().get(0).batchSize()).isEqualTo(1);
    assertThat(fixtures.postCounter("p_1", "views")).isEqualTo(25);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(25);
  }

  @Test
  void aBatchOverMoreThan100Items_isSplitIntoTransactionsOfAtMost100_andEndsExact() {
    for (int p = 0; p < 120; p++) {
      fixtures.post("p_" + p, "author" + (p % 7));
    }
    List<ViewMarker> markers = new ArrayList<>();
    long seq = 1000;
    for (int v = 0; v < 3; v++) {
      for (int p = 0; p < 120; p++) {
        markers.add(new ViewMarker("p_" + p, "author" + (p % 7), Long.toString(seq++)));
      }
    }
    calls.reset();

    ViewCounting.Report report = counting().apply(SHARD, markers);

    // 120 posts + 7 authors + the checkpoint do not fit in one transaction of 100 items.
    assertThat(report.transactions()).isGreaterThanOrEqualTo(2);
    assertThat(calls.largestTransaction()).isLessThanOrEqualTo(100);
    assertThat(calls.writeRequests()).isEqualTo(report.transactions());
    for (int p = 0; p < 120; p++) {
      assertThat(fixtures.postCounter("p_" + p, "views")).isEqualTo(3);
    }
    long total = 0;
    for (int a = 0; a < 7; a++) {
      total += fixtures.profileCounter("author" + a, "views");
    }
    assertThat(total).isEqualTo(360);
    assertThat(counting().apply(SHARD, markers).alreadyApplied()).isEqualTo(360);
  }

  @Test
  void aHotPostsBatch_costsOneTransactionAndOneCheckpointRead_whateverTheNumberOfViews() {
    fixtures.post("p_hot", "alice");
    List<ViewMarker> markers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      markers.add(new ViewMarker("p_hot", "alice", Long.toString(5000 + i)));
    }
    calls.reset();

    counting().apply(SHARD, markers);

    assertThat(calls.writeRequests()).isEqualTo(1);
    assertThat(calls.largestTransaction()).isEqualTo(3);
    assertThat(calls.reads()).isEqualTo(1);
    assertThat(fixtures.postCounter("p_hot", "views")).isEqualTo(1000);
  }

  @Test
  void viewsOfAPostDeletedBeforeTheyWereApplied_areDropped_andRecreateNothing() {
    fixtures.post("p_1", "alice");
    fixtures.post("p_2", "alice");
    List<ViewMarker> markers =
        List.of(
            new ViewMarker("p_1", "alice", "10"),
            new ViewMarker("p_2", "alice", "11"),
            new ViewMarker("p_2", "alice", "12"));
    fixtures.deletePost("p_1");

    ViewCounting.Report report = counting().apply(SHARD, markers);

    assertThat(report.droppedForDeletedPosts()).isEqualTo(1);
    assertThat(fixtures.postCounter("p_2", "views")).isEqualTo(2);
    assertThat(fixtures.profileCounter("alice", "views")).isEqualTo(2);
    assertThat(aws.dynamoDbClient().scan(r -> r.tableName(table)).items())
        .noneMatch(i -> i.get("pk").s().equals("POST#p_1"));
  }

  /** Counts the DynamoDB calls a client makes, and the size of its transactions. */
  static final class CallCounter implements ExecutionInterceptor {
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger largest = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (StatsFixtures.isWrite(attributes)) {
        writes.incrementAndGet();
      } else {
        reads.incrementAndGet();
      }
      if (context.request() instanceof TransactWriteItemsRequest t) {
        largest.accumulateAndGet(t.transactItems().size(), Math::max);
      }
    }

    void reset() {
      writes.set(0);
      reads.set(0);
      largest.set(0);
    }

    int writeRequests() {
      return writes.get();
    }

    int reads() {
      return reads.get();
    }

    int largestTransaction() {
      return largest.get();
    }
  }
}
