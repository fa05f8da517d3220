package bloghome.stats.dynamodb;

import bloghome.http.RetryLater;
import bloghome.log.Metrics;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs one TransactWriteItems and reports which conditions failed.
 *
 * <p>The SDK gives every call a fresh ClientRequestToken and reuses it on its own retries, so a
 * transaction whose response was lost is not applied twice. A transaction cancelled because
 * another one held the same item (TransactionConflict, common on a popular post) did nothing and
 * is tried again a few times with jitter before the client is asked to retry later.
 */
final class Transactions {
  private static final int ATTEMPTS = 5;

  private Transactions() {}

  /** Applied, or not with the items whose condition failed (by position; true = failed). */
  record Result(boolean applied, List<Boolean> failedConditions) {
    boolean failed(int index) {
      return !applied && failedConditions.size() > index && failedConditions.get(index);
    }
  }

  static Result write(DynamoDbClient dynamoDb, List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
        return new Result(true, List.of());
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
        boolean conditionFailed =
            reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
        if (conditionFailed) {
          return new Result(
              false,
              reasons.stream().map(r -> "ConditionalCheckFailed".equals(r.code())).toList());
        }
        if (!conflict) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          Metrics.count("Busy");
          throw new RetryLater("BUSY", "This item is very busy right now; try again shortly.", 1);
        }
        Metrics.count("TransactionRetry");
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    long maxMillis = 10L << attempt;
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
