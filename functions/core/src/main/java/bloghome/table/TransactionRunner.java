package bloghome.table;

import bloghome.log.Metrics;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs every {@code TransactWriteItems} of every feature, with the feature's {@link RetryPolicy}.
 *
 * <p>A cancelled transaction wrote nothing. A failed condition is the caller's business (it knows
 * what each item's condition means), so it is returned, never retried. A cancellation without a
 * failed condition is mostly {@code TransactionConflict}: another transaction held one of the items
 * (every post of an author updates the author's profile; a popular post's summary takes every
 * like), and trying again after a short, jittered pause usually goes through. The SDK gives each
 * call a fresh ClientRequestToken and reuses it on its own retries, so a transaction whose answer
 * was lost is not applied twice.
 */
public final class TransactionRunner {
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";

  private final DynamoDbClient dynamo;
  private final RetryPolicy policy;

  public TransactionRunner(DynamoDbClient dynamo, RetryPolicy policy) {
    this.dynamo = dynamo;
    this.policy = policy;
  }

  /** What became of a transaction: written, or cancelled with each item's reason code. */
  public record Result(
      boolean applied, List<String> codes, TransactionCanceledException cancellation) {
    static final Result WRITTEN = new Result(true, List.of(), null);

    /** Whether the condition of the item at {@code index} failed (false when written). */
    public boolean failed(int index) {
      return !applied && index < codes.size() && CONDITION_FAILED.equals(codes.get(index));
    }

    public boolean anyConditionFailed() {
      return !applied && codes.contains(CONDITION_FAILED);
    }

    boolean conflict() {
      return !applied && codes.contains(CONFLICT);
    }
  }

  /**
   * Writes {@code items} as one transaction, trying again as the policy says while it is cancelled
   * without a failed condition.
   */
  public Result write(List<TransactWriteItem> items) {
    Result last = null;
    for (int attempt = 1; ; attempt++) {
      last = once(items);
      if (last.applied() || last.anyConditionFailed()) {
        return last;
      }
      if (!policy.retryAnyCancellation() && !last.conflict()) {
        if (policy.giveUp() == null) {
          return last;
        }
        throw last.cancellation();
      }
      if (attempt >= policy.attempts()) {
        if (policy.giveUp() == null) {
          return last;
        }
        throw policy.giveUp().apply(last.cancellation());
      }
      Metrics.count("TransactionRetry");
      pause(attempt);
    }
  }

  /**
   * For writes whose items depend on what was read: each try reads, builds and writes again ({@link
   * #once}) and either decides (a value) or asks for another try (empty), up to the policy's
   * attempts; then the policy gives up.
   */
  public <T> T decide(Supplier<Optional<T>> attempt) {
    for (int tries = 1; ; tries++) {
      Optional<T> decided = attempt.get();
      if (decided.isPresent()) {
        return decided.get();
      }
      if (tries >= policy.attempts()) {
        if (policy.giveUp() == null) {
          throw new IllegalStateException("no decision after " + tries + " tries");
        }
        throw policy.giveUp().apply(null);
      }
      pause(tries);
    }
  }

  /** One try of {@code items}, without any retry: for {@link #decide}. */
  public Result once(List<TransactWriteItem> items) {
    try {
      dynamo.transactWriteItems(r -> r.transactItems(items));
      return Result.WRITTEN;
    } catch (TransactionCanceledException e) {
      List<String> codes =
          e.hasCancellationReasons()
              ? e.cancellationReasons().stream().map(TransactionRunner::code).toList()
              : List.of();
      return new Result(false, codes, e);
    }
  }

  private static String code(CancellationReason reason) {
    return reason.code() == null ? "None" : reason.code();
  }

  private void pause(int attempt) {
    long millis = policy.pause().millisAfter(attempt);
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
