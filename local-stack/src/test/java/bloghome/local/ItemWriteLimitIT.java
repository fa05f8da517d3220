package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * With {@code BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT}, the local DynamoDB throttles writes to one item
 * beyond that rate, as DynamoDB throttles a hot partition, while other items stay writable. Its own
 * moto process, so that no other test is throttled.
 */
class ItemWriteLimitIT {
  private static final int LIMIT = 5;
  private static MotoServer moto;
  private static DynamoDbClient dynamo;
  private static final String TABLE = "limited";

  @BeforeAll
  static void start() {
    moto =
        MotoServer.start(0, Map.of("BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT", Integer.toString(LIMIT)));
    dynamo =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .endpointOverride(moto.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            // No SDK retries: every throttle is seen by the test.
            .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .build();
    LocalTables.create(dynamo, SamTemplate.load(), "BlogTable", TABLE);
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    moto.close();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x"));
  }

  private static void add(String pk) {
    dynamo.updateItem(
        r ->
            r.tableName(TABLE)
                .key(key(pk))
                .updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
  }

  @Test
  void writesToOneItemBeyondTheLimit_areThrottledLikeDynamoDb_whileOtherItemsAreNot() {
    AtomicInteger throttled = new AtomicInteger();
    ProvisionedThroughputExceededException[] seen = new ProvisionedThroughputExceededException[1];
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < LIMIT * 6; i++) {
        pool.submit(
            () -> {
              try {
                add("HOT");
              } catch (ProvisionedThroughputExceededException e) {
                throttled.incrementAndGet();
                seen[0] = e;
              }
            });
      }
    }
    for (int i = 0; i < 10; i++) {
      add("COLD-" + i);
    }

    assertThat(throttled.get()).isGreaterThan(LIMIT);
    assertThat(seen[0].statusCode()).isEqualTo(400);
    assertThat(seen[0].awsErrorDetails().errorCode())
        .isEqualTo("ProvisionedThroughputExceededException");
    long hot =
        Long.parseLong(
            dynamo
                .getItem(r -> r.tableName(TABLE).key(key("HOT")).consistentRead(true))
                .item()
                .get("n")
                .n());
    assertThat(hot).isEqualTo(LIMIT * 6 - throttled.get());
  }

  @Test
  void aTransactionTouchingAThrottledItem_isRefusedWhole() throws Exception {
    // On a busy machine a single writer may not outrun the limit for long: drain the item's bucket
    // until it throttles, then send the transaction at once; try again if it slipped through.
    String refusedKey = null;
    for (int attempt = 0; attempt < 50 && refusedKey == null; attempt++) {
      for (int i = 0; i < 200; i++) {
        try {
          add("HOT2");
        } catch (ProvisionedThroughputExceededException drained) {
          break;
        }
      }
      String fresh = "FRESH-" + attempt;
      List<TransactWriteItem> items =
          List.of(
              TransactWriteItem.builder()
                  .update(
                      Update.builder()
                          .tableName(TABLE)
                          .key(key(fresh))
                          .updateExpression("ADD n :one")
                          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                          .build())
                  .build(),
              TransactWriteItem.builder()
                  .update(
                      Update.builder()
                          .tableName(TABLE)
                          .key(key("HOT2"))
                          .updateExpression("ADD n :one")
                          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                          .build())
                  .build());
      try {
        dynamo.transactWriteItems(r -> r.transactItems(items));
      } catch (ProvisionedThroughputExceededException e) {
        refusedKey = fresh;
      }
    }

    assertThat(refusedKey).as("a transaction was refused").isNotNull();
    String refused = refusedKey;
    assertThat(
            dynamo.getItem(r -> r.tableName(TABLE).key(key(refused)).consistentRead(true)).item())
        .isEmpty();
    Thread.sleep(1_100);
    add(refused);
    assertThat(
            dynamo.getItem(r -> r.tableName(TABLE).key(key(refused)).consistentRead(true)).item())
        .containsKey("n");
  }
}
