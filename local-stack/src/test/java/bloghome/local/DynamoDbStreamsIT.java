package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local DynamoDB's stream holds one record per item a successful request changed, as DynamoDB's
 * does (moto 5.2.1 alone gives two INSERTs for an update inside a transaction, and keeps the
 * records of a transaction that was cancelled).
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbStreamsIT {
  private LocalAws aws;
  private DynamoDbClient dynamo;
  private DynamoDbStreamsClient streams;
  private String table;

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.dynamo = aws.dynamoDbClient();
    this.streams = aws.dynamoDbStreams();
    this.table = aws.freshTable("BlogTable");
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x"));
  }

  private TransactWriteItem addOne(String pk, String condition) {
    Update.Builder u =
        Update.builder()
            .tableName(table)
            .key(key(pk))
            .updateExpression("ADD n :one")
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")));
    if (condition != null) {
      u.conditionExpression(condition);
    }
    return TransactWriteItem.builder().update(u.build()).build();
  }

  private TransactWriteItem putNew(String pk) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(table)
                .item(
                    Map.of(
                        "pk",
                        AttributeValue.fromS(pk),
                        "sk",
                        AttributeValue.fromS("x"),
                        "v",
                        AttributeValue.fromS("new")))
                .conditionExpression("attribute_not_exists(pk)")
                .build())
        .build();
  }

  private List<Record> records() {
    String arn = aws.streamArn(table);
    String shard =
        streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                r ->
                    r.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    return streams.getRecords(r -> r.shardIterator(iterator).limit(1000)).records();
  }

  private static List<String> summary(List<Record> records) {
    return records.stream()
        .map(
            r ->
                r.eventNameAsString()
                    + " "
                    + r.dynamodb().keys().get("pk").s()
                    + (r.dynamodb().hasNewImage() && r.dynamodb().newImage().containsKey("n")
                        ? " n=" + r.dynamodb().newImage().get("n").n()
                        : ""))
        .toList();
  }

  @Test
  void anUpdateInATransaction_thatCreatesItsItem_givesOneInsertWithTheResult() {
    dynamo.transactWriteItems(r -> r.transactItems(addOne("A", null), putNew("B")));

    assertThat(summary(records())).containsExactly("INSERT A n=1", "INSERT B");
  }

  @Test
  void updatesOfExistingItems_plainOrInATransaction_giveOneModifyEach() {
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(key("A"))
                .updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    dynamo.transactWriteItems(r -> r.transactItems(addOne("A", "attribute_exists(pk)")));
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("P"), "sk", AttributeValue.fromS("x"))));

    assertThat(summary(records())).containsExactly("INSERT A n=1", "MODIFY A n=2", "INSERT P");
  }

  @Test
  void failedConditions_andCancelledTransactions_leaveNoRecord_andRollBackTheirItems() {
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("M"), "sk", AttributeValue.fromS("x"))));
    assertThatThrownBy(
            () ->
                dynamo.putItem(
                    r ->
                        r.tableName(table)
                            .item(
                                Map.of(
                                    "pk",
                                    AttributeValue.fromS("M"),
                                    "sk",
                                    AttributeValue.fromS("x")))
                            .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    // The first two items are applied, the third fails its condition: the whole is cancelled.
    assertThatThrownBy(
            () ->
                dynamo.transactWriteItems(
                    r ->
                        r.transactItems(
                            addOne("C", null), putNew("D"), addOne("E", "attribute_exists(pk)"))))
        .isInstanceOf(TransactionCanceledException.class);

    assertThat(summary(records())).containsExactly("INSERT M");
    assertThat(dynamo.scan(r -> r.tableName(table)).items())
        .extracting(i -> i.get("pk").s())
        .containsExactly("M");
  }

  @Test
  void aDelete_givesOneRemove_andDeletingNothingGivesNone() {
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("G"), "sk", AttributeValue.fromS("x"))));
    dynamo.deleteItem(r -> r.tableName(table).key(key("G")));
    dynamo.deleteItem(r -> r.tableName(table).key(key("never")));

    assertThat(summary(records())).containsExactly("INSERT G", "REMOVE G");
  }
}
