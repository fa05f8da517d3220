package bloghome.table;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * How {@link TransactionRunner} treats a transaction that was cancelled without a failed condition
 * (nothing was written): how many tries in all, how long to pause between them, which cancellations
 * are worth another try, and what to do when the tries run out.
 *
 * @param attempts tries in all, at least 1
 * @param pause milliseconds to wait before try {@code attempt + 1}
 * @param retryAnyCancellation also retry cancellations that name no {@code TransactionConflict}
 *     (otherwise those are given up at once)
 * @param giveUp the exception to throw when giving up, given the last cancellation (null when the
 *     last try was a caller's decision, see {@link TransactionRunner#decide}); a null function
 *     means "do not throw: report the cancellation to the caller", who then reads the state again
 */
public record RetryPolicy(
    int attempts,
    Pause pause,
    boolean retryAnyCancellation,
    Function<TransactionCanceledException, RuntimeException> giveUp) {

  /** Milliseconds to wait after a failed try, before the next one. */
  @FunctionalInterface
  public interface Pause {
    long millisAfter(int attempt);

    Pause NONE = attempt -> 0;

    /** A random wait up to {@code base x 2^attempt} ms, at least {@code floor} of that cap. */
    static Pause jittered(long baseMillis, long capMillis, double floor) {
      return attempt -> {
        long cap = Math.min(capMillis, baseMillis << attempt);
        long low = Math.max(1, (long) (cap * floor));
        return ThreadLocalRandom.current().nextLong(low, cap + 1);
      };
    }
  }

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** One try; a cancellation of any kind is reported to the caller, never thrown. */
  public static RetryPolicy reportAtOnce() {
    return new RetryPolicy(1, Pause.NONE, true, null);
  }
}
