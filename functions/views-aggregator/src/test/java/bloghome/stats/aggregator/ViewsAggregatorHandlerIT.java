package bloghome.stats.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.StreamEventSource;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.stats.DynamoDbViewCounterStore;
import bloghome.stats.DynamoDbViewStore;
import bloghome.stats.ViewCounting;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The aggregator's handler behind the event source mapping the template declares (filter, batch
 * size, bisect, retries; only the batching window shortened): other changes of the table never
 * reach it, and the markers end up in the counters.
 */
@ExtendWith(LocalAwsExtension.class)
class ViewsAggregatorHandlerIT {
  private LocalAws aws;
  private DynamoDbClient dynamo;
  private String table;
  private StreamEventSource source;

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.dynamo = aws.dynamoDbClient();
    this.table = aws.freshTable("BlogTable");
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        s("POST#p_1"),
                        "sk",
                        s("SUMMARY"),
                        "postId",
                        s("p_1"),
                        "authorId",
                        s("alice"),
                        "views",
                        AttributeValue.fromN("0"),
                        "viewRank",
                        AttributeValue.fromN("5"))));
    source =
        aws.streamEventSource(
            "ViewsAggregatorFunction",
            table,
            new ViewsAggregatorHandler(dynamo, aws.dynamoDbStreams(), table),
            t -> t.withBatchingWindow(0));
  }

  @AfterEach
  void stop() {
    source.close();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private long number(String pk, String sk, String name) {
    var item =
        dynamo
            .getItem(
                r -> r.tableName(table).key(Map.of("pk", s(pk), "sk", s(sk))).consistentRead(true))
            .item();
    return item == null || !item.containsKey(name) ? 0 : Long.parseLong(item.get(name).n());
  }

  @Test
  void markers_reachTheCounters_andOtherChangesOfTheTable_areFilteredOutBeforeTheFunction() {
    // A profile write (before the views: a put replaces the item, counters included).
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(Map.of("pk", s("USER#alice"), "sk", s("PROFILE"), "displayName", s("A"))));
    var views = new DynamoDbViewStore(dynamo, table);
    for (int i = 0; i < 12; i++) {
      views.record("p_1", "alice", LocalDate.parse("2026-11-29"), "visitor" + i);
    }
    // Not view-marker INSERTs either: a like marker, a marker removed (TTL), a summary edit.
    dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("LIKE#p_1#bob"), "sk", s("LIKE"))));
    dynamo.deleteItem(
        r ->
            r.tableName(table)
                .key(Map.of("pk", s("VIEW#p_1#2026-11-29#visitor0"), "sk", s("VIEW"))));
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(Map.of("pk", s("POST#p_1"), "sk", s("SUMMARY")))
                .updateExpression("SET title = :t")
                .expressionAttributeValues(Map.of(":t", s("New title"))));
    // A marker as the one-transaction design wrote it (no authorId): counted when it was written,
    // so left out here rather than counted twice (e.g. by the old version during the deploy).
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        s("VIEW#p_1#2026-11-29#old-design"),
                        "sk",
                        s("VIEW"),
                        "expiresAt",
                        AttributeValue.fromN("1"))));
    source.awaitSettled(Duration.ofSeconds(60));

    assertThat(source.failures()).isEmpty();
    assertThat(number("POST#p_1", "SUMMARY", "views")).isEqualTo(12);
    assertThat(number("USER#alice", "PROFILE", "views")).isEqualTo(12);
    assertThat(
            dynamo
                .getItem(
                    r -> r.tableName(table).key(Map.of("pk", s("POST#p_1"), "sk", s("SUMMARY"))))
                .item()
                .get("viewRank")
                .n())
        .isEqualTo("12000000000000000000000005");
  }

  @Test
  void theSampleEvent_countsItsTwoMarkers_once_evenWhenDeliveredTwice() {
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        s("POST#p_3kT9xQ2mW8vY"),
                        "sk",
                        s("SUMMARY"),
                        "postId",
                        s("p_3kT9xQ2mW8vY"),
                        "authorId",
                        s("alice"),
                        "views",
                        AttributeValue.fromN("0"),
                        "viewRank",
                        AttributeValue.fromN("0"))));
    var event = EventLoader.loadDynamoDbEvent("../../events/dynamodb-view-markers.json");
    var handler =
        new ViewsAggregatorHandler(
            new ViewCounting(new DynamoDbViewCounterStore(dynamo, table)),
            (arn, seq) -> "shardId-sample");

    handler.handleRequest(event, null);
    handler.handleRequest(event, null);

    assertThat(number("POST#p_3kT9xQ2mW8vY", "SUMMARY", "views")).isEqualTo(2);
  }

  @Test
  void theShardOfABatch_isFoundFromItsFirstSequenceNumber() {
    new DynamoDbViewStore(dynamo, table).record("p_1", "alice", LocalDate.parse("2026-11-29"), "v");
    source.awaitSettled(Duration.ofSeconds(60));
    String arn = aws.streamArn(table);
    var streams = aws.dynamoDbStreams();
    String shardId =
        streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                r -> r.streamArn(arn).shardId(shardId).shardIteratorType("TRIM_HORIZON"))
            .shardIterator();
    String seq =
        streams
            .getRecords(r -> r.shardIterator(iterator))
            .records()
            .get(0)
            .dynamodb()
            .sequenceNumber();

    assertThat(new StreamShards(streams).shardOf(arn, seq)).isEqualTo(shardId);
    // The checkpoint item is keyed by that shard.
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(table)
                            .key(Map.of("pk", s("VIEWCOUNT#" + shardId), "sk", s("CHECKPOINT"))))
                .item())
        .containsKey("seq");
  }
}
