package bloghome.table;

import static bloghome.table.Attributes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.RetryLater;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.stats.StatsRetry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one transaction runner against the local stack's DynamoDB. Conflicts cannot be provoked on
 * demand there, so a client in front of it cancels the first tries the way DynamoDB does when
 * another transaction holds an item, then lets the transaction through to the real table.
 */
@ExtendWith(LocalAwsExtension.class)
class TransactionRunnerIT {
  private static final RetryPolicy THREE_TRIES_THEN_RETHROW =
      new RetryPolicy(3, RetryPolicy.Pause.NONE, true, cancelled -> cancelled);

  private LocalAws aws;
  private String table;
  private TableAccess access;

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
    this.access = new TableAccess(aws.dynamoDbClient(), table);
  }

  @Test
  void write_appliesEveryItem_whenNoConditionFails() {
    TransactionRunner runner =
        new TransactionRunner(aws.dynamoDbClient(), THREE_TRIES_THEN_RETHROW);

    TransactionRunner.Result result = runner.write(List.of(newItem("a"), newItem("b")));

    assertThat(result.applied()).isTrue();
    assertThat(access.get("T#a", "X", true)).isNotNull();
    assertThat(access.get("T#b", "X", true)).isNotNull();
  }

  @Test
  void write_reportsWhichConditionFailed_withoutTryingAgain() {
    access.client().putItem(r -> r.tableName(table).item(TableKeys.key("T#b", "X")));
    CancellingClient client = new CancellingClient(aws.dynamoDbClient(), 0, "TransactionConflict");
    TransactionRunner runner = new TransactionRunner(client, THREE_TRIES_THEN_RETHROW);

    TransactionRunner.Result result = runner.write(List.of(newItem("a"), newItem("b")));

    assertThat(result.applied()).isFalse();
    assertThat(result.failed(0)).isFalse();
    assertThat(result.failed(1)).isTrue();
    assertThat(client.calls.get()).isEqualTo(1);
    assertThat(access.get("T#a", "X", true))
        .as("nothing of a cancelled transaction is written")
        .isNull();
  }

  @Test
  void write_triesAgain_afterAConflict_untilItGoesThrough() {
    CancellingClient client = new CancellingClient(aws.dynamoDbClient(), 2, "TransactionConflict");
    TransactionRunner runner = new TransactionRunner(client, THREE_TRIES_THEN_RETHROW);

    assertThat(runner.write(List.of(newItem("a"))).applied()).isTrue();
    assertThat(client.calls.get()).isEqualTo(3);
    assertThat(access.get("T#a", "X", true)).isNotNull();
  }

  @Test
  void write_givesUpWithThePolicysAnswer_whenEveryTryConflicts() {
    CancellingClient rethrowing =
        new CancellingClient(aws.dynamoDbClient(), 100, "TransactionConflict");
    assertThatThrownBy(
            () ->
                new TransactionRunner(rethrowing, THREE_TRIES_THEN_RETHROW)
                    .write(List.of(newItem("a"))))
        .isInstanceOf(TransactionCanceledException.class);
    assertThat(rethrowing.calls.get()).isEqualTo(3);

    CancellingClient busy = new CancellingClient(aws.dynamoDbClient(), 100, "TransactionConflict");
    assertThatThrownBy(
            () -> new TransactionRunner(busy, StatsRetry.POLICY).write(List.of(newItem("a"))))
        .isInstanceOfSatisfying(RetryLater.class, e -> assertThat(e.code()).isEqualTo("BUSY"));
    assertThat(busy.calls.get()).isEqualTo(5);
  }

  @Test
  void write_throwsAtOnce_aCancellationThatIsNoConflict_whenOnlyConflictsAreRetried() {
    CancellingClient client = new CancellingClient(aws.dynamoDbClient(), 100, "ValidationError");

    assertThatThrownBy(
            () -> new TransactionRunner(client, StatsRetry.POLICY).write(List.of(newItem("a"))))
        .isInstanceOf(TransactionCanceledException.class);
    assertThat(client.calls.get()).isEqualTo(1);
  }

  @Test
  void write_reportsEveryCancellation_whenThePolicySaysSo() {
    CancellingClient client =
        new CancellingClient(aws.dynamoDbClient(), 100, "TransactionConflict");

    TransactionRunner.Result result =
        new TransactionRunner(client, RetryPolicy.reportAtOnce()).write(List.of(newItem("a")));

    assertThat(result.applied()).isFalse();
    assertThat(result.anyConditionFailed()).isFalse();
    assertThat(client.calls.get()).isEqualTo(1);
  }

  @Test
  void decide_readsAndDecidesAgain_untilAnAnswer_andGivesUpAfterThePolicysTries() {
    RetryPolicy fourTries =
        new RetryPolicy(4, RetryPolicy.Pause.NONE, true, last -> new RetryLater("BUSY", "busy", 1));
    TransactionRunner runner = new TransactionRunner(aws.dynamoDbClient(), fourTries);
    AtomicInteger tries = new AtomicInteger();

    String answer =
        runner.decide(
            () -> tries.incrementAndGet() < 3 ? Optional.empty() : Optional.of("decided"));

    assertThat(answer).isEqualTo("decided");
    assertThat(tries.get()).isEqualTo(3);
    AtomicInteger endless = new AtomicInteger();
    assertThatThrownBy(
            () ->
                runner.decide(
                    () -> {
                      endless.incrementAndGet();
                      return Optional.empty();
                    }))
        .isInstanceOf(RetryLater.class);
    assertThat(endless.get()).isEqualTo(4);
  }

  private TransactWriteItem newItem(String id) {
    Map<String, AttributeValue> item = TableKeys.key("T#" + id, "X");
    item.put("value", s(id));
    return access.put(item, "attribute_not_exists(pk)", Map.of());
  }

  /**
   * Cancels the first {@code cancellations} transactions with {@code code}, then passes them on.
   */
  private static final class CancellingClient implements DynamoDbClient {
    final AtomicInteger calls = new AtomicInteger();
    private final DynamoDbClient real;
    private final int cancellations;
    private final String code;

    CancellingClient(DynamoDbClient real, int cancellations, String code) {
      this.real = real;
      this.cancellations = cancellations;
      this.code = code;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      if (calls.incrementAndGet() <= cancellations) {
        List<CancellationReason> reasons =
            request.transactItems().stream()
                .map(i -> CancellationReason.builder().code(code).build())
                .toList();
        throw TransactionCanceledException.builder()
            .message("Transaction cancelled (simulated: " + code + ")")
            .cancellationReasons(reasons)
            .build();
      }
      return real.transactWriteItems(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
