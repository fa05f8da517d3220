package bloghome.posts;

import bloghome.log.Metrics;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs TransactWriteItems. Transactions that touch the same item at the same time (every post of
 * an author updates the author's profile) cancel each other with {@code TransactionConflict}:
 * those are retried here with jittered backoff, since nothing was written. A failed condition is
 * returned to the caller, who knows what it means.
 */
final class Transactions {
  private static final int ATTEMPTS = 8;

  private final DynamoDbClient dynamo;

  Transactions(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Empty when written; otherwise the cancellation code of each item, in order. */
  Optional<List<String>> write(List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(r -> r.transactItems(items));
        return Optional.empty();
      } catch (TransactionCanceledException e) {
        List<String> codes =
            e.hasCancellationReasons()
                ? e.cancellationReasons().stream().map(Transactions::code).toList()
                : List.of();
        boolean conditionFailed = codes.contains("ConditionalCheckFailed");
        if (conditionFailed) {
          return Optional.of(codes);
        }
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        Metrics.count("TransactionRetry");
        backOff(attempt);
      }
    }
  }

  private static String code(CancellationReason reason) {
    return reason.code() == null ? "None" : reason.code();
  }

  private static void backOff(int attempt) {
    long cap = Math.min(1000, 10L << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
