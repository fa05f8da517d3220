package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The emulator keeps DynamoDB's promises under concurrency: the exactness tests of every feature
 * stand on these.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbConcurrencyIT {
  private static final Map<String, AttributeValue> COUNTER =
      Map.of("pk", AttributeValue.fromS("COUNTER"), "sk", AttributeValue.fromS("c"));

  @Test
  void racingTransactions_someFailingTheirCondition_leaveExactCounts(LocalAws aws)
      throws Exception {
    String table = aws.freshTable("BlogTable");
    DynamoDbClient dynamo = aws.dynamoDbClient();
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        COUNTER.get("pk"),
                        "sk",
                        COUNTER.get("sk"),
                        "n",
                        AttributeValue.fromN("0"))));
    AtomicInteger committed = new AtomicInteger();

    runConcurrently(
        16,
        12,
        (worker, i) -> {
          String condition =
              (worker + i) % 2 == 0 ? "attribute_exists(pk)" : "attribute_not_exists(pk)";
          try {
            dynamo.transactWriteItems(
                r ->
                    r.transactItems(
                        TransactWriteItem.builder()
                            .put(
                                Put.builder()
                                    .tableName(table)
                                    .item(
                                        Map.of(
                                            "pk",
                                            AttributeValue.fromS("MARKER#" + worker + "-" + i),
                                            "sk",
                                            AttributeValue.fromS("m")))
                                    .conditionExpression("attribute_not_exists(pk)")
                                    .build())
                            .build(),
                        TransactWriteItem.builder()
                            .update(
                                Update.builder()
                                    .tableName(table)
                                    .key(COUNTER)
                                    .updateExpression("ADD n :one")
                                    .conditionExpression(condition)
                                    .expressionAttributeValues(
                                        Map.of(":one", AttributeValue.fromN("1")))
                                    .build())
                            .build()));
            committed.incrementAndGet();
          } catch (TransactionCanceledException expected) {
            // half of them fail their condition on purpose
          }
        });

    long counter =
        Long.parseLong(
            dynamo
                .getItem(r -> r.tableName(table).key(COUNTER).consistentRead(true))
                .item()
                .get("n")
                .n());
    int markers = dynamo.scan(r -> r.tableName(table)).count() - 1;
    assertThat(committed.get()).isEqualTo(16 * 12 / 2);
    assertThat(counter).isEqualTo(committed.get());
    assertThat(markers).isEqualTo(committed.get());
  }

  @Test
  void racingConditionalUpdates_haveExactlyOneWinner(LocalAws aws) throws Exception {
    String table = aws.freshTable("BlogTable");
    DynamoDbClient dynamo = aws.dynamoDbClient();
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        COUNTER.get("pk"),
                        "sk",
                        COUNTER.get("sk"),
                        "status",
                        AttributeValue.fromS("PENDING"))));
    AtomicInteger winners = new AtomicInteger();

    runConcurrently(
        16,
        1,
        (worker, i) -> {
          try {
            dynamo.updateItem(
                r ->
                    r.tableName(table)
                        .key(COUNTER)
                        .updateExpression("SET #s = :done, winner = :w")
                        .conditionExpression("#s = :pending")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(
                            Map.of(
                                ":done",
                                AttributeValue.fromS("DONE"),
                                ":pending",
                                AttributeValue.fromS("PENDING"),
                                ":w",
                                AttributeValue.fromN(Integer.toString(worker)))));
            winners.incrementAndGet();
          } catch (ConditionalCheckFailedException expected) {
            // every loser
          }
        });

    assertThat(winners.get()).isEqualTo(1);
  }

  @Test
  void aFailedTransaction_undoesItsOwnEarlierWrites_andNothingElse(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    DynamoDbClient dynamo = aws.dynamoDbClient();
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk",
                        COUNTER.get("pk"),
                        "sk",
                        COUNTER.get("sk"),
                        "n",
                        AttributeValue.fromN("5"))));
    Map<String, AttributeValue> bystander =
        Map.of("pk", AttributeValue.fromS("OTHER"), "sk", AttributeValue.fromS("o"));
    dynamo.putItem(r -> r.tableName(table).item(bystander));

    // the counter update and the new marker apply first, then the last condition fails
    Assertions.assertThatThrownBy(
            () ->
                dynamo.transactWriteItems(
                    r ->
                        r.transactItems(
                            TransactWriteItem.builder()
                                .update(
                                    Update.builder()
                                        .tableName(table)
                                        .key(COUNTER)
                                        .updateExpression("ADD n :one")
                                        .expressionAttributeValues(
                                            Map.of(":one", AttributeValue.fromN("1")))
                                        .build())
                                .build(),
                            TransactWriteItem.builder()
                                .put(
                                    Put.builder()
                                        .tableName(table)
                                        .item(
                                            Map.of(
                                                "pk",
                                                AttributeValue.fromS("NEW"),
                                                "sk",
                                                AttributeValue.fromS("n")))
                                        .build())
                                .build(),
                            TransactWriteItem.builder()
                                .put(
                                    Put.builder()
                                        .tableName(table)
                                        .item(bystander)
                                        .conditionExpression("attribute_not_exists(pk)")
                                        .build())
                                .build())))
        .isInstanceOf(TransactionCanceledException.class);

    assertThat(
            dynamo
                .getItem(r -> r.tableName(table).key(COUNTER).consistentRead(true))
                .item()
                .get("n")
                .n())
        .isEqualTo("5");
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(table)
                            .key(
                                Map.of(
                                    "pk",
                                    AttributeValue.fromS("NEW"),
                                    "sk",
                                    AttributeValue.fromS("n")))
                            .consistentRead(true))
                .hasItem())
        .isFalse();
    assertThat(dynamo.getItem(r -> r.tableName(table).key(bystander).consistentRead(true)).item())
        .isEqualTo(bystander);
  }

  @FunctionalInterface
  interface Step {
    void run(int worker, int iteration) throws Exception;
  }

  private static void runConcurrently(int workers, int iterations, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < iterations; i++) {
                    step.run(worker, i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
